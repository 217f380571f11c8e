using System.Text.Json.Nodes;

namespace LandInventory.GisApi.Tests.Workspace;

/// <summary>
/// Problems that have a place are shown on the review's map: where a boundary crosses itself (as PostGIS finds it) and
/// a point of a parcel that lies outside its area (inside the part PostGIS says is outside).
/// </summary>
[Collection(BrowserScenario.Collection)]
public sealed class WorkspaceProblemTests(WorkspaceApi api) : UploadPage(api), IClassFixture<WorkspaceApi>
{
    [Fact]
    public async Task ASelfIntersectionAndAParcelOutsideItsArea_AreListed_AndDrawnWhereTheyAre()
    {
        var (client, password) = await Api.AccountAsync("upload-places", "planner", Bureau);
        client.Dispose();
        string bowtie = "", outside = "", outsideShape = "";
        var path = await FileAsync("EPSG:4326", features =>
        {
            // A bow-tie: two corners of the first ring swapped.
            var ring = features[0]!["geometry"]!["coordinates"]![0]![0]!.AsArray();
            var (second, third) = (ring[1]!.DeepClone(), ring[2]!.DeepClone());
            ring[1] = third;
            ring[2] = second;
            bowtie = features[0]!["geometry"]!.ToJsonString();
            // 3 km east: out of its area, still in the zone.
            foreach (var point in features[1]!["geometry"]!["coordinates"]!.AsArray().SelectMany(p => p!.AsArray()).SelectMany(r => r!.AsArray()))
            {
                point![0] = point[0]!.GetValue<double>() + 0.031;
            }

            outside = Code(features[1]!);
            outsideShape = features[1]!["geometry"]!.ToJsonString();
        });

        var seen = await BrowseAsync("placed", "upload-places", password, path);
        File.Delete(path);
        Assert.Equal("invalid", seen.GetProperty("state").GetString());
        var problems = seen.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("text").GetString()!.Contains("Self-intersection", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.GetProperty("text").GetString()!.Contains($"({outside}), areaId: the parcel is not inside its area", StringComparison.Ordinal));
        Assert.Equal(2, Strings(seen.GetProperty("placed")).Length);
        Assert.Equal(2, seen.GetProperty("drawn").GetProperty("problem").GetInt32());

        // The places, against PostGIS: where it finds the self-intersection; a point of the part outside the area.
        // The places the report gave the page (the job lived in the page's host).
        var reported = JsonNode.Parse(seen.GetProperty("reported").GetRawText())!.AsArray();
        var placed = reported.Where(p => p!["at"] is not null).ToDictionary(p => p!["field"]!.GetValue<string>(), p => p!["at"]!.AsArray());
        Assert.True(await Api.Database.ScalarAsync<bool>("""
            SELECT ST_DWithin((ST_IsValidDetail(ST_GeomFromGeoJSON(@g))).location, ST_MakePoint(@x, @y), 1e-9)
            """, ("g", bowtie), ("x", placed["geometry"][0]!.GetValue<double>()), ("y", placed["geometry"][1]!.GetValue<double>())));
        Assert.True(await Api.Database.ScalarAsync<bool>("""
            SELECT ST_Intersects(ST_Difference(ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326), a.boundary), ST_SetSRID(ST_MakePoint(@x, @y), 4326))
            FROM areas a JOIN land_parcels p ON p.area_id = a.id WHERE p.code = @c
            """, ("g", outsideShape), ("c", outside), ("x", placed["areaId"][0]!.GetValue<double>()), ("y", placed["areaId"][1]!.GetValue<double>())));
        var centre = seen.GetProperty("centre");
        Assert.Equal(placed[Strings(seen.GetProperty("placed"))[0].Contains("Self-intersection", StringComparison.Ordinal) ? "geometry" : "areaId"][0]!.GetValue<double>(),
            centre[0].GetDouble(), 6);
    }

    [Fact]
    public async Task AGaussKruegerFileWithoutACrsMember_TakesItsSystemFromThePrjBesideIt()
    {
        var (client, password) = await Api.AccountAsync("upload-prj", "planner", Bureau);
        client.Dispose();
        var path = await FileAsync("EPSG:4544", _ => { });
        // What ArcGIS hands over: coordinates in the zone's Gauss-Krüger system, the system only in the .prj (ESRI WKT).
        var file = JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!.AsObject();
        Assert.True(file.Remove("crs"));
        await File.WriteAllTextAsync(path, file.ToJsonString(), Ct);
        var prj = Path.ChangeExtension(path, ".prj");
        await File.WriteAllTextAsync(prj, (await Gdal.SrsInfoAsync("-o", "wkt_esri", "--single-line", "EPSG:4544")).Trim(), Ct);

        var seen = await BrowseAsync("prj", "upload-prj", password, path, prj);
        File.Delete(path);
        File.Delete(prj);
        Assert.Equal("succeeded", seen.GetProperty("state").GetString());
        Assert.Equal(13, seen.GetProperty("counts").GetProperty("unchanged").GetInt32());
        Assert.Equal("Coordinate system: CGCS2000_3_Degree_GK_CM_105E", seen.GetProperty("crs").GetString());
        Assert.EndsWith(".prj", seen.GetProperty("chosen").GetString(), StringComparison.Ordinal);
    }
}
