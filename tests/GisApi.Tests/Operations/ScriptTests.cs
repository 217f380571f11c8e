using System.Diagnostics;
using LandInventory.PostGis.Testing;

namespace LandInventory.GisApi.Tests.Operations;

/// <summary>
/// The set-up script keeps the database passwords off command lines, where any user of the machine reads them in
/// <c>ps</c>: docker/postgis-local.sh's <c>li_ensure_cluster</c> run with psql and the cluster tools stubbed, recording
/// what psql was given as arguments and on its standard input.
/// </summary>
public sealed class ScriptTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheClusterSetUp_GivesPsqlThePasswordsOnItsInput_NeverOnItsCommandLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("li-script-").FullName;
        try
        {
            var script = $$"""
                set -euo pipefail
                export LANDINVENTORY_STATE_DIR='{{dir}}/state'
                . '{{Path.Combine(RepositoryFiles.Root, "docker", "postgis-local.sh")}}'
                pg_lsclusters() { echo "$PG_MAJOR $LI_CLUSTER $LI_PORT online postgres /tmp /tmp/log"; }
                li_psql() { printf '%s\n' "$@" >> '{{dir}}/argv'; cat >> '{{dir}}/stdin'; }
                li_ensure_cluster > '{{dir}}/connection'
                """;
            var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardError = true, RedirectStandardInput = true };
            using var bash = Process.Start(start)!;
            bash.StandardInput.Close();
            var error = await bash.StandardError.ReadToEndAsync(ct);
            await bash.WaitForExitAsync(ct);
            Assert.True(bash.ExitCode == 0, error);

            var argv = await File.ReadAllTextAsync(Path.Combine(dir, "argv"), ct);
            var stdin = await File.ReadAllTextAsync(Path.Combine(dir, "stdin"), ct);
            foreach (var name in new[] { "db-password", "db-api-password" })
            {
                var password = (await File.ReadAllTextAsync(Path.Combine(dir, "state", name), ct)).Trim();
                Assert.Matches("^[A-Za-z0-9]{20,}$", password);
                Assert.Contains(password, stdin, StringComparison.Ordinal);
                Assert.DoesNotContain(password, argv, StringComparison.Ordinal);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "state", name)));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// <c>./run.sh</c> with a stand-in <c>dotnet</c> on the PATH that, when called with arguments matching
    /// <paramref name="call"/> (a shell pattern), writes <paramref name="record"/> (shell words, expanded there) to a file
    /// and does nothing else; returns what it wrote. <paramref name="terminal"/>: under a pseudo-terminal (<c>script</c>).
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task<string> RunShAsync(string[] arguments, string call, string record, bool terminal = false,
        params (string Name, string? Value)[] environment)
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("li-runsh-").FullName;
        try
        {
            var fake = Path.Combine(dir, "dotnet");
            var recorded = Path.Combine(dir, "recorded");
            await File.WriteAllTextAsync(fake, $"#!/usr/bin/env bash\ncase \"$*\" in {call}) printf '%s' {record} > '{recorded}' ;; esac\nexit 0\n", ct);
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var command = string.Join(" ", new[] { Path.Combine(RepositoryFiles.Root, "run.sh") }.Concat(arguments).Select(a => $"'{a}'"));
            var start = terminal
                ? new ProcessStartInfo("script", ["-qec", command, "/dev/null"])
                : new ProcessStartInfo("bash", ["-c", command + " > /dev/null"]);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.Environment["PATH"] = $"{dir}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["Auth__SigningKey"] = "a-signing-key-for-the-run-sh-test-0123456789";
            start.Environment.Remove("Logging__Console__FormatterName");
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var run = Process.Start(start)!;
            var output = run.StandardOutput.ReadToEndAsync(ct);
            var error = run.StandardError.ReadToEndAsync(ct);
            await run.WaitForExitAsync(ct);
            Assert.True(run.ExitCode == 0, $"{await output}\n{await error}");
            return await File.ReadAllTextAsync(recorded, ct);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// At a terminal <c>./run.sh</c> starts the service with ASP.NET Core's readable lines, elsewhere with JSON; a
    /// configured formatter wins.
    /// </summary>
    [Theory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData(true, null, "simple")]
    [InlineData(false, null, "")]
    [InlineData(true, "json", "json")]
    public async Task RunSh_LogsReadably_AtATerminalOnly(bool terminal, string? configured, string expected)
    {
        var formatter = await RunShAsync([], "*src/GisApi*--no-launch-profile*", "\"${Logging__Console__FormatterName:-}\"", terminal,
            ("ConnectionStrings__Inventory", "Host=unused"), ("Logging__Console__FormatterName", configured));
        Assert.Equal(expected, formatter);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task RunShImport_RunsTheImporter_OnTheDatabaseRunShUses_WithTheArgumentsGiven()
    {
        var recorded = (await RunShAsync(["import", "survey.geojson", "--layer", "parcels", "--dry-run"], "*src/Importer*--no-build*",
            "\"$ConnectionStrings__Inventory|$*\"", environment: ("ConnectionStrings__Inventory", "Host=db.example;Database=inventory"))).Split('|');
        Assert.Equal("Host=db.example;Database=inventory", recorded[0]);
        Assert.EndsWith("-- survey.geojson --layer parcels --dry-run", recorded[1], StringComparison.Ordinal);
    }
}
