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
}
