using Kairos.Stages.FrontEnd.Loading;

namespace Kairos.Stages.Tests.Loading;

public sealed class CloudConfigTests
{
    private const string Document = """
        #cloud-config
        users:
          - name: bar
            passwd: foo
            uid: "1002"
            lock_passwd: true
            ssh_authorized_keys:
              - faaapploo
        ssh_authorized_keys:
          - asdd
        runcmd:
          - foo
        hostname: bar
        write_files:
          - encoding: b64
            content: CiMgVGhpcyBmaWxlIGNvbnRyb2xzIHRoZSBzdGF0ZSBvZiBTRUxpbnV4
            path: /foo/bar
            permissions: "0644"
            owner: "bar"
        growpart:
          devices: ['/']
        stages:
          test:
            - environment:
                foo: bar
        """;

    [Fact]
    public void Cloud_config_translates_into_boot_initramfs_network_then_appends_yip_stages()
    {
        // arrange / act
        var result = StageFileLoader.Load("cc.yaml", Document, LoadOptions.Strict);

        // assert
        var file = result.File!;
        Assert.True(file.IsCloudConfig);
        Assert.Equal(["boot", "initramfs", "network", "test"], file.Stages.Select(s => s.Stage));
        var boot = file.StepsFor("boot");
        Assert.Equal(("bar", "1002", "foo", true), (boot[0].Users[0].Name, boot[0].Users[0].Uid, boot[0].Users[0].Passwd, boot[0].Users[0].LockPasswd));
        Assert.Equal(["faaapploo", "asdd"], boot[0].AuthorizedKeys.Single(k => k.User == "bar").Keys);
        Assert.Equal((420u, "bar", "/foo/bar"), (boot[0].Files[0].Permissions!.Value, boot[0].Files[0].OwnerString, boot[0].Files[0].Path));
        Assert.Equal(["foo"], boot[0].Commands);
        Assert.Null(boot[0].Hostname);
        Assert.Equal("bar", file.StepsFor("initramfs")[0].Hostname);
        Assert.Equal(("/", 0ul), (boot[1].Layout!.Device!.Path, boot[1].Layout!.ExpandPartitionSize!.Value));
        Assert.Equal("bar", file.StepsFor("test")[0].Environment[0].Value);
    }

    [Fact]
    public void Github_and_gitlab_keys_go_to_the_network_stage()
    {
        // arrange
        var text = Document.Replace("faaapploo", "gitlab:test", StringComparison.Ordinal);

        // act
        var file = StageFileLoader.Load("cc.yaml", text, LoadOptions.Strict).File!;

        // assert
        Assert.Equal(["asdd"], file.StepsFor("boot")[0].AuthorizedKeys.Single().Keys);
        Assert.Equal(["gitlab:test"], file.StepsFor("network")[0].AuthorizedKeys.Single(k => k.User == "bar").Keys);
    }

    [Theory]
    [InlineData("## template: jinja\n#cloud-config\nhostname: x\n", true)]
    [InlineData("\n\n#cloud-config\n", true)]
    [InlineData(" #cloud-config\nhostname: x\n", false)]
    [InlineData("stages: {}\n#cloud-config\n", false)]
    [InlineData("#node-config\nstages: {}\n", false)]
    public void Detection_follows_the_first_ten_lines_rule(string text, bool expected)
    {
        // arrange / act / assert
        Assert.Equal(expected, CloudConfigDetector.IsCloudConfig(text));
    }

    [Fact]
    public void Top_level_keys_go_to_root_when_no_users_are_listed()
    {
        // arrange / act
        var file = StageFileLoader.Load("cc.yaml", "#cloud-config\nssh_authorized_keys: [k1]\nk3s: {enabled: true}\n", LoadOptions.Strict);

        // assert
        Assert.Empty(file.Diagnostics);
        Assert.Equal("root", file.File!.StepsFor("boot")[0].AuthorizedKeys.Single().User);
    }
}
