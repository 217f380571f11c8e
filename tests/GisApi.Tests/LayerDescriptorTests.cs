using System.Text.RegularExpressions;
using LandInventory.Import;
using LandInventory.PostGis.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;

namespace LandInventory.GisApi.Tests;

/// <summary>
/// Each layer is described once in its folder, and nothing is forgotten: the schema's, the import library's and the API's
/// lists name the same layers in the same order, every part of a descriptor speaks of its own layer, and the database has
/// what each layer needs — its table, history, version and timestamp triggers, geography index and version row.
/// </summary>
public sealed class LayerDescriptorTests(InventoryApi api) : IClassFixture<InventoryApi>
{
    public static TheoryData<string> LayerNames => [.. Data.Layers.All.Select(l => l.Name)];

    [Fact]
    public void TheThreeLists_NameTheSameLayers_InTheSameOrder()
    {
        var schema = Data.Layers.All.Select(l => l.Name).ToList();

        Assert.Equal(schema, ImportLayers.All.Select(l => l.Name));
        Assert.Equal(schema, InventoryLayers.All.Select(l => l.Id));
        Assert.All(InventoryLayers.All, l => Assert.Same(ImportLayers.Find(l.Id), l.Import));
        Assert.All(ImportLayers.All, l => Assert.Same(Data.Layers.Find(l.Name), l.Schema));
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void EveryPartOfADescriptor_SpeaksOfItsOwnLayer(string name)
    {
        var layer = InventoryLayers.Find(name)!;
        using var db = Data.InventoryDatabase.CreateContext(api.Database.ConnectionString);

        Assert.Equal(name, layer.Features.Id);
        Assert.Equal(name, layer.Tiles.Id);
        Assert.Equal(name, layer.Editing.Id);
        Assert.Contains($"ST_AsMVT(t, '{name}',", layer.Tiles.Sql, StringComparison.Ordinal);
        Assert.Equal(layer.Schema.Table, db.Model.FindEntityType(layer.Schema.Entity)!.GetTableName());
        // The OData set routes to its controller by name, and reads the layer's entity.
        var model = GisApi.OData.InventoryModel.Build();
        var set = model.EntityContainer.FindEntitySet(layer.OData.Name);
        Assert.NotNull(set);
        Assert.NotNull(typeof(Program).Assembly.GetTypes().SingleOrDefault(t => t.Name == $"{layer.OData.Name}Controller"));
        Assert.Equal(layer.Schema.Entity, model.GetAnnotationValue<Microsoft.OData.ModelBuilder.ClrTypeAnnotation>(set!.EntityType)!.ClrType);
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public async Task EveryLayer_HasItsTableTriggersIndexAndVersion_InTheDatabase(string name)
    {
        var schema = Data.Layers.Find(name)!;
        var triggers = await api.Database.ScalarAsync<string>("""
            SELECT string_agg(t.tgname || '=' || p.proname || '(' || replace(encode(t.tgargs, 'escape'), '\000', ',') || ')', ' ' ORDER BY t.tgname)
            FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE t.tgrelid = @table::regclass AND NOT t.tgisinternal
            """, ("table", schema.Table));

        var (table, key, geometry) = (schema.Table, schema.Key, schema.Geometry);
        foreach (var operation in new[] { "insert", "update", "delete" })
        {
            Assert.Contains($"{table}_history_{operation}=record_feature_history({key},{geometry},id,)", triggers, StringComparison.Ordinal);
        }

        foreach (var operation in new[] { "insert", "update", "delete", "truncate" })
        {
            Assert.Contains($"{table}_version_{operation}=bump_layer_version({geometry},)", triggers, StringComparison.Ordinal);
        }

        Assert.Matches(new Regex(@"=set_updated_at\(\)"), triggers);
        Assert.Equal(1L, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE tablename = @table AND indexdef LIKE '%USING gist (geography(' || @geometry || '))%'",
            ("table", table), ("geometry", geometry)));
        Assert.Equal(1L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM layer_versions WHERE layer = @table", ("table", table)));
    }

    [Fact]
    public void ALayersNames_AreLiteralsInItsOwnFolders_AndInMigrationsOnly()
    {
        var misplaced = new List<string>();
        var source = Path.Combine(RepositoryFiles.Root, "src");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var parts = Path.GetRelativePath(source, file).Split(Path.DirectorySeparatorChar);
            if (parts.Intersect(["bin", "obj", "Migrations"]).Any())
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            foreach (var layer in InventoryLayers.All)
            {
                // The folder a layer's files are in, in every project: Parcels/, Carriers/ …
                if (parts.Contains(layer.OData.Name))
                {
                    continue;
                }

                var literal = new Regex($@"[""']({Regex.Escape(layer.Id)}|{Regex.Escape(layer.Schema.Table)})[""']|\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+{Regex.Escape(layer.Schema.Table)}\b");
                misplaced.AddRange(lines.Select((line, i) => (line, i))
                    .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && literal.IsMatch(l.line))
                    .Select(l => $"{Path.GetRelativePath(source, file)}:{l.i + 1}: {l.line.Trim()}"));
            }
        }

        Assert.Empty(misplaced);
    }
}
