using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>users</c>: create users (sorted by name, ids from the root's files) or update an existing user's password, then SSH keys.</summary>
public sealed class UsersAction : IStepAction
{
    private const UnixFileMode Public = FileModes.Mode0644;
    private readonly Downloader? _downloader;

    public UsersAction(Downloader? downloader)
    {
        _downloader = downloader;
    }

    public string Key => "users";

    public bool IsPresent(Step step) => step.Users.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        foreach (var user in step.Users.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            try
            {
                if (AccountDatabase.Load(files).User(user.Name) is not null)
                {
                    UpdatePassword(files, user);
                }
                else
                {
                    Create(files, user, outcome);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
            {
                if (outcome.Fail($"cannot set up user '{user.Name}' ({user.Location}): {error.Message}"))
                {
                    break;
                }

                continue;
            }

            if (user.SshAuthorizedKeys.Count > 0)
            {
                foreach (var warning in await SshKeyWriter.AddAsync(context, _downloader, user.Name, user.SshAuthorizedKeys, cancellationToken))
                {
                    outcome.Warn(warning);
                }
            }
        }

        return outcome.Build();
    }

    /// <summary>An existing user only gets a new password (last-changed today, aging fields kept); nothing else changes.</summary>
    private static void UpdatePassword(IRootFileSystem files, User user)
    {
        if (user.Passwd.Length == 0)
        {
            return;
        }

        var shadow = ColonFile.Load(files, "/etc/shadow", FileModes.Mode0600);
        var fields = (shadow.Find(user.Name) ?? $"{user.Name}::::::::").Split(':').ToList();
        while (fields.Count < 9)
        {
            fields.Add("");
        }

        fields[1] = EntityLines.ShadowPassword(user.Passwd);
        fields[2] = EntityLines.DaysSinceEpoch().ToString();
        shadow.Upsert(string.Join(':', fields));
        shadow.Save(files);
    }

    private static void Create(IRootFileSystem files, User user, OutcomeBuilder outcome)
    {
        var (home, shell) = Defaults(files);
        var passwd = ColonFile.Load(files, "/etc/passwd", Public);
        var group = ColonFile.Load(files, "/etc/group", Public);
        var homedir = user.Homedir.Length > 0 ? user.Homedir : $"{home.TrimEnd('/')}/{user.Name}";

        int gid;
        if (user.PrimaryGroup.Length > 0)
        {
            gid = (group.Find(user.PrimaryGroup) is { } line ? GroupEntry.Parse(line)?.Gid : null)
                ?? throw new InvalidOperationException($"primary group '{user.PrimaryGroup}' is not in the target's /etc/group");
        }
        else
        {
            // Re-runs are stable: an existing group named after the user keeps its gid.
            var existing = group.Find(user.Name) is { } line ? GroupEntry.Parse(line) : null;
            gid = existing?.Gid ?? IdAllocator.NextFree(group.Lines);
            var members = (existing?.Members ?? []).Append(user.Name).Distinct(StringComparer.Ordinal);
            group.Upsert(new GroupEntry(user.Name, existing?.Password ?? "x", gid, [.. members]).ToString());
        }

        var uid = user.Uid.Length > 0
            ? int.TryParse(user.Uid, out var explicitUid) ? explicitUid : throw new FormatException($"uid '{user.Uid}' is not an integer")
            : files.Stat(homedir) is { IsDirectory: true, Uid: >= IdAllocator.First } owner
                ? owner.Uid
                : IdAllocator.NextFree(passwd.Lines);
        var gecos = user.Gecos.Length > 0 ? user.Gecos : "Created by entities";
        passwd.Upsert(new PasswdEntry(user.Name, "x", uid, gid, gecos, homedir, user.Shell.Length > 0 ? user.Shell : shell).ToString());

        foreach (var name in user.Groups)
        {
            if (group.Find(name) is { } line && GroupEntry.Parse(line) is { } entry)
            {
                group.Upsert((entry with { Members = [.. entry.Members.Append(user.Name).Distinct(StringComparer.Ordinal)] }).ToString());
            }
            else
            {
                outcome.Warn($"user '{user.Name}' not added to group '{name}': the group does not exist in the target");
            }
        }

        var shadow = ColonFile.Load(files, "/etc/shadow", FileModes.Mode0600);
        var password = user.LockPasswd ? "!" : EntityLines.ShadowPassword(user.Passwd);
        shadow.Upsert($"{user.Name}:{password}:{EntityLines.DaysSinceEpoch()}::::::");

        passwd.Save(files);
        group.Save(files);
        shadow.Save(files);
        if (!user.NoCreateHome && !files.DirectoryExists(homedir))
        {
            DirectoryMaker.EnsureDirectory(files, DirectoryMaker.Parent(homedir), FileModes.Mode0755, 0, 0);
            files.CreateDirectory(homedir, FileModes.Mode0755, uid, gid);
            files.SetMode(homedir, FileModes.Mode0755);
        }
    }

    private static (string Home, string Shell) Defaults(IRootFileSystem files)
    {
        var settings = files.FileExists("/etc/default/useradd") ? DotEnv.Parse(files.ReadAllText("/etc/default/useradd")) : [];
        return (settings.GetValueOrDefault("HOME", "/home"), settings.GetValueOrDefault("SHELL", "/bin/sh"));
    }
}
