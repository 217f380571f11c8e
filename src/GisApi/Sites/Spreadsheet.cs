using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// An XLSX workbook (Open XML SDK) for people without GIS: numbers as numbers with their unit in the column's header,
/// enumerations in the language's words, one sheet per table. Text as inline strings; no styles to go wrong.
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A table: its sheet's name, its headers, and rows of cells (a double is a number, anything else text).</summary>
    public sealed record Table(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

    public static byte[] Workbook(IEnumerable<Table> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            uint id = 1;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, new[] { table.Headers.Cast<object?>().ToList() }.Concat(table.Rows));
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The sites of one layer, every field of fields.json: figures as numbers, their units in the headers.</summary>
    public static Table Sites(string layer, IReadOnlyList<SiteSheet> sites, string lang)
    {
        var fields = SiteFields.Of(layer);
        var headers = fields.SelectMany(f => f.Format == "price"
            ? new[] { f.Label.In(lang), lang == "zh" ? "起始价计价方式" : "Price basis" }
            : new[] { Header(f, lang) }).ToList();
        var rows = sites.Select(site => (IReadOnlyList<object?>)fields.SelectMany(f => Cells(f, site, lang)).ToList()).ToList();
        return new Table(ValueWords.Of(layer).In(lang), headers, rows);
    }

    private static string Header(SiteFields.Field field, string lang)
    {
        var parts = field.Format.Split(':');
        var unit = parts[0] switch
        {
            "unit" => SiteFields.Unit(parts[2], lang),
            "wanYuan" => lang == "zh" ? "万元" : "10k CNY",
            "rent" => lang == "zh" ? "元/m²/月" : "CNY/m²/month",
            "pct" => "%",
            _ => null,
        };
        // A label that names its unit already ("Site area (mu)") keeps it once.
        return unit is null || field.Label.In(lang).Contains('(', StringComparison.Ordinal) || field.Label.In(lang).Contains('（', StringComparison.Ordinal)
            ? field.Label.In(lang) : $"{field.Label.In(lang)} ({unit})";
    }

    private static IEnumerable<object?> Cells(SiteFields.Field field, SiteSheet site, string lang)
    {
        var p = site.Properties;
        var value = p.TryGetProperty(field.Key, out var v) && v.ValueKind != JsonValueKind.Null ? v : (JsonElement?)null;
        var kind = field.Format.Split(':')[0];
        if (kind == "price")
        {
            yield return value?.GetDouble();
            yield return site.Text("priceBasis") is { } basis ? ValueWords.Of(basis).In(lang) : null;
            yield break;
        }

        yield return (kind, value) switch
        {
            (_, null) when kind != "address" => null,
            ("number" or "unit" or "wanYuan" or "rent", { } x) => x.GetDouble(),
            ("pct", { } x) => Math.Round(x.GetDouble() * 100, 2),
            _ => site.Write(field, lang),
        };
    }

    /// <summary>
    /// The sheet's XML written directly, in the default namespace with each cell's reference (A1, B1 …): GDAL's reader,
    /// for one, finds neither rows nor cells under the SDK's own <c>x:</c> prefix, and places cells by their references.
    /// </summary>
    private static void WriteSheet(WorksheetPart part, IEnumerable<IReadOnlyList<object?>> rows)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        using var stream = part.GetStream(FileMode.Create);
        using var xml = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartElement("worksheet", main);
        xml.WriteStartElement("sheetData", main);
        var number = 0;
        foreach (var row in rows)
        {
            number++;
            xml.WriteStartElement("row", main);
            xml.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is not { } value)
                {
                    continue;
                }

                xml.WriteStartElement("c", main);
                xml.WriteAttributeString("r", $"{Column(i)}{number}");
                if (value is double or int)
                {
                    xml.WriteElementString("v", main, Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    xml.WriteAttributeString("t", "inlineStr");
                    xml.WriteStartElement("is", main);
                    xml.WriteElementString("t", main, value.ToString());
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>A column's letters: 0 → A, 25 → Z, 26 → AA.</summary>
    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
}
