using System.IO.Compression;
using System.Text;
using LandInventory.Data.Spatial;

namespace LandInventory.Import.Formats;

/// <summary>How each format GDAL reads is opened, and what of it is checked before its features are read.</summary>
internal static partial class SourceReader
{
    private static readonly string[] ShapefileParts = [".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".xml"];

    /// <summary>
    /// A Shapefile — a <c>.shp</c> beside its <c>.dbf</c>, <c>.shx</c>, <c>.prj</c> and <c>.cpg</c>, or all of them in a zip:
    /// the .prj is its coordinate system (none and no <c>--crs</c>: a problem), its attributes' encoding is decided and
    /// checked before GDAL decodes them (<see cref="DbfText"/>).
    /// </summary>
    private static Source Shapefile(Source source, string path)
    {
        var shp = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || !path.EndsWith(".shp", StringComparison.OrdinalIgnoreCase)
            ? Unzipped(source, path)
            : path;
        // The folder listed once; a part is found whatever the case of its extension (.SHP beside .dbf).
        var folder = Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(shp))!);
        var sibling = (string extension) => folder
            .FirstOrDefault(f => string.Equals(f, Path.ChangeExtension(Path.GetFullPath(shp), extension), StringComparison.OrdinalIgnoreCase));
        var problems = new List<ImportProblem>();
        var name = source.Input.Name;
        if (sibling(".dbf") is not { } dbf || sibling(".shx") is null)
        {
            throw Invalid(source, "(file)", $"{Path.GetFileName(shp)} comes without its {(sibling(".dbf") is null ? ".dbf" : ".shx")}: "
                                            + "a Shapefile is the .shp, .shx and .dbf (with its .prj and .cpg) together, or all of them in one .zip");
        }

        var crs = source.Options.Crs;
        if (crs is null)
        {
            if (sibling(".prj") is not { } prj)
            {
                throw Invalid(source, "crs", "the Shapefile has no .prj, so its coordinate system is unknown: give it (--crs EPSG:4544 on the "
                                             + "command line, crs=EPSG:4544 over HTTP), or add the .prj the survey came with");
            }

            try
            {
                crs = CoordinateSystem.Parse(File.ReadAllText(prj));
            }
            catch (ArgumentException e)
            {
                throw Invalid(source, "crs", $"the .prj: {e.Message}");
            }
        }

        DbfText.DbfEncoding? declared = null;
        string? cpgText = null;
        if (sibling(".cpg") is { } cpg)
        {
            cpgText = File.ReadAllText(cpg).Trim();
            declared = DbfText.FromCpg(cpgText) ?? throw Invalid(source, "(file)",
                $"the .cpg names the encoding \"{cpgText}\", which is not one we read (UTF-8, GBK, GB18030, Big5, Windows-1252, ISO-8859-1)");
        }

        var (encoding, _, unreadable) = DbfText.Decide(dbf, declared, cpgText);
        problems.AddRange(unreadable.Select(u => new ImportProblem(name, u.Feature, null, u.Field, u.Message)));
        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        return source with { Gdal = shp, Crs = crs, OpenOptions = [$"ENCODING={encoding.GdalName}"] };
    }

    /// <summary>
    /// The Shapefile in a zip, unpacked into the temporary folder: only a Shapefile's parts, each under its own file name
    /// (no path from the zip reaches the disk). Several Shapefiles: the one <see cref="ImportInput.Table"/> or the layer names.
    /// </summary>
    private static string Unzipped(Source source, string path)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(source, "(file)", $"not a zip (a Shapefile comes as a .zip or as its .shp, .shx and .dbf): {e.Message}");
        }

        using (zip)
        {
            var parts = zip.Entries.Where(e => ShapefileParts.Contains(Path.GetExtension(e.Name).ToLowerInvariant())).ToList();
            var shps = parts.Where(e => e.Name.EndsWith(".shp", StringComparison.OrdinalIgnoreCase)).ToList();
            if (shps.Count == 0)
            {
                throw Invalid(source, "(file)", $"the zip holds no .shp (it holds {(zip.Entries.Count == 0 ? "nothing" : string.Join(", ", zip.Entries.Take(10).Select(e => e.FullName)))})");
            }

            var wanted = source.Input.Table ?? source.Input.Layer.Name;
            var shp = shps.Count == 1 ? shps[0]
                : shps.FirstOrDefault(e => string.Equals(Path.GetFileNameWithoutExtension(e.Name), wanted, StringComparison.OrdinalIgnoreCase))
                  ?? throw Invalid(source, "(file)", $"the zip holds {shps.Count} Shapefiles ({string.Join(", ", shps.Select(e => e.FullName))}): "
                                                     + "name one (--table on the command line, table= over HTTP)");
            var folder = Directory.CreateDirectory(Path.Combine(source.Temp, "zip")).FullName;
            var stem = shp.FullName[..^4];
            // Unpacked with a count of what comes out, whatever the zip's header says: a small upload must not fill the disk.
            var unpacked = 0L;
            var buffer = new byte[1 << 16];
            foreach (var part in parts.Where(p => string.Equals(p.FullName[..^Path.GetExtension(p.Name).Length], stem, StringComparison.OrdinalIgnoreCase)))
            {
                Unpack(source, part, folder, buffer, ref unpacked);
            }

            return Path.Combine(folder, "source.shp");
        }
    }

    /// <summary>One part of the zip into the folder, counted against the limit; a damaged part is a problem, not a failure.</summary>
    private static void Unpack(Source source, ZipArchiveEntry part, string folder, byte[] buffer, ref long unpacked)
    {
        try
        {
            using var from = part.Open();
            using var to = File.Create(Path.Combine(folder, "source" + Path.GetExtension(part.Name).ToLowerInvariant()));
            for (int read; (read = from.Read(buffer, 0, buffer.Length)) > 0;)
            {
                unpacked += read;
                if (unpacked > source.Options.MaxUnpackedBytes)
                {
                    throw Invalid(source, "(file)", $"the Shapefile in the zip unpacks to more than {Megabytes(source.Options.MaxUnpackedBytes)} MB, "
                                                    + "the most an import unpacks (Imports:MaxUnpackedMb): split it, or import the .shp set itself");
                }

                to.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw Invalid(source, "(file)", $"the zip's {part.FullName} cannot be unpacked (the zip is damaged): {e.Message}");
        }
    }

    /// <summary>A GeoPackage's table — the one named, the one named after the layer, or the only one — and its system.</summary>
    private static async Task<Source> GeoPackageAsync(Source source, string gpkg, CancellationToken ct)
    {
        var tables = await LayersAsync(source, gpkg, ct);
        var wanted = source.Input.Table;
        var table = wanted is not null ? tables.FirstOrDefault(t => t == wanted)
            : tables.Count == 1 ? tables[0] : tables.FirstOrDefault(t => string.Equals(t, source.Input.Layer.Name, StringComparison.OrdinalIgnoreCase));
        if (table is null)
        {
            throw Invalid(source, "(file)", (wanted is null ? $"the GeoPackage holds {tables.Count} tables: name one (--table, table=)"
                                                            : $"the GeoPackage has no table \"{wanted}\"") + $"; its tables: {string.Join(", ", tables)}");
        }

        var crs = source.Options.Crs;
        if (crs is null)
        {
            var info = await RunAsync("ogrinfo", ["-ro", "-so", "-nomd", "-wkt_format", "WKT1", gpkg, table], source, null, ct);
            var wkt = Wkt(info);
            try
            {
                crs = wkt is null ? null : CoordinateSystem.Parse(wkt);
            }
            catch (ArgumentException e)
            {
                throw Invalid(source, "crs", $"table {table}'s coordinate system: {e.Message}");
            }
        }

        return source with { Gdal = gpkg, Layers = [table], Crs = crs };
    }

    /// <summary>The WKT after ogrinfo's "Layer SRS WKT:", up to its next heading; none when the table has no system.</summary>
    private static string? Wkt(string info)
    {
        var lines = info.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Layer SRS WKT:", StringComparison.Ordinal));
        if (start < 0 || lines[start + 1].Trim() == "(unknown)")
        {
            return null;
        }

        var wkt = lines.Skip(start + 1).TakeWhile(l => l.StartsWith(' ') || l.StartsWith("PROJCS[", StringComparison.Ordinal) || l.StartsWith("GEOGCS[", StringComparison.Ordinal));
        return string.Concat(wkt.Select(l => l.Trim()));
    }

    /// <summary>A KML or KMZ: every folder (GDAL's layers) in turn; WGS 84 unless told (a globe viewer's GCJ-02: <c>--crs gcj02</c>).</summary>
    private static async Task<Source> KmlAsync(Source source, string kml, CancellationToken ct) =>
        source with { Gdal = kml, Layers = await LayersAsync(source, kml, ct), Crs = source.Options.Crs ?? CoordinateSystem.Wgs84 };

    /// <summary>
    /// A CSV: its shapes as WKT in a column, or points as longitude and latitude columns (names GDAL is told to look for);
    /// every cell as text, made the property's type by the rewrite; UTF-8, or GB18030 when that is what its bytes are
    /// (as Excel saves a CSV on a Chinese system).
    /// </summary>
    private static Source Csv(Source source, string csv)
    {
        var header = FirstLine(csv, DbfText.Utf8.Strict, null);
        if (header is null)
        {
            var utf8 = Path.Combine(source.Temp, "utf8.csv");
            header = FirstLine(csv, DbfText.Gb18030.Strict, utf8)
                     ?? throw Invalid(source, "(file)", "the CSV is neither UTF-8 nor GB18030 (GBK) text: save it as UTF-8");
            csv = utf8;
        }

        var columns = header.TrimStart('\uFEFF').Split(',', ';', '\t').Select(c => c.Trim().Trim('"')).ToList();
        var wkt = columns.FirstOrDefault(c => WktNames.Contains(c, StringComparer.OrdinalIgnoreCase));
        var lon = columns.FirstOrDefault(c => LonNames.Contains(c, StringComparer.OrdinalIgnoreCase));
        var lat = columns.FirstOrDefault(c => LatNames.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (wkt is null && (lon is null || lat is null))
        {
            throw Invalid(source, "(file)", $"a CSV needs a WKT column ({string.Join(", ", WktNames)}) or longitude and latitude columns "
                                            + $"({string.Join("/", LonNames)} and {string.Join("/", LatNames)}); its columns: {string.Join(", ", columns)}");
        }

        string[] geometry = wkt is not null ? [wkt] : [lon!, lat!];
        return source with
        {
            Gdal = csv,
            Crs = source.Options.Crs ?? CoordinateSystem.Wgs84,
            GeometryColumns = geometry,
            OpenOptions = wkt is not null
                ? [$"GEOM_POSSIBLE_NAMES={wkt}", "KEEP_GEOM_COLUMNS=YES", "EMPTY_STRING_AS_NULL=YES"]
                : [$"X_POSSIBLE_NAMES={lon}", $"Y_POSSIBLE_NAMES={lat}", "KEEP_GEOM_COLUMNS=YES", "EMPTY_STRING_AS_NULL=YES"],
        };
    }

    /// <summary>
    /// The text's first line, the whole file read through the strict decoder in pieces (no more of it in memory than a
    /// buffer) and, where <paramref name="rewritten"/> is given, written there as UTF-8; none when its bytes are not
    /// text in that encoding.
    /// </summary>
    private static string? FirstLine(string path, Encoding strict, string? rewritten)
    {
        using var reader = new StreamReader(path, strict, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        using var writer = rewritten is null ? null : new StreamWriter(rewritten, append: false, new UTF8Encoding(false));
        var buffer = new char[1 << 16];
        var first = new StringBuilder();
        var ended = false;
        try
        {
            for (int read; (read = reader.Read(buffer, 0, buffer.Length)) > 0;)
            {
                writer?.Write(buffer, 0, read);
                if (!ended)
                {
                    var end = Array.IndexOf(buffer, '\n', 0, read);
                    first.Append(buffer, 0, end < 0 ? read : end);
                    ended = end >= 0;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return first.ToString().TrimEnd('\r');
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
