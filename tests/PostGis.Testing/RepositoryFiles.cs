namespace LandInventory.PostGis.Testing;

/// <summary>Files of the repository the tests read (data/geojson), found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string DataFolder => Path.Combine(Root, "data", "geojson");

    public static string Data(string file) => Path.Combine(DataFolder, file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LandInventory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"LandInventory.sln not found above {AppContext.BaseDirectory}");
    }
}
