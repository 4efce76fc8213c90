namespace Kairos.Stages.Tests.Examples;

/// <summary>One Dockerfile instruction after continuation lines are joined: keyword (upper case), arguments, first line.</summary>
public sealed record DockerfileInstruction(int Line, string Keyword, string Arguments);
