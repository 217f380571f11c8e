using System.Text;

namespace LandInventory.Import.Formats;

/// <summary>
/// The encoding of a Shapefile's attributes (its .dbf), decided before GDAL reads them: what the .cpg says, else what
/// the DBF header's language driver says, else what the bytes themselves are — ASCII, else UTF-8 when every text is valid
/// UTF-8, else GB18030 (which holds GBK and GB2312) when every text is valid GB18030. Every text and field name is then
/// checked in that encoding: bytes it cannot read are a problem naming the feature and field, never mojibake.
/// </summary>
internal static class DbfText
{
    static DbfText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A .cpg's or a language driver's encoding: the name GDAL's reader takes, and .NET's strict decoder for it.</summary>
    public sealed record DbfEncoding(string GdalName, Encoding Strict, string Said);

    public static DbfEncoding Utf8 => new("UTF-8", Strict(65001), "UTF-8");

    public static DbfEncoding Gb18030 => new("GB18030", Strict(54936), "GB18030");

    /// <summary>The encoding a .cpg names, if it is one we read (its words, for the problem, otherwise).</summary>
    public static DbfEncoding? FromCpg(string text) => text.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal) switch
    {
        "UTF8" or "65001" => Utf8,
        "GBK" or "CP936" or "936" or "GB2312" or "ANSI 936" => new("CP936", Strict(936), "GBK (code page 936)"),
        "GB18030" or "54936" => Gb18030,
        "BIG5" or "950" or "CP950" => new("CP950", Strict(950), "Big5"),
        "1252" or "CP1252" or "WINDOWS1252" or "ANSI 1252" => new("CP1252", Strict(1252), "Windows-1252"),
        "88591" or "ISO88591" or "LATIN1" => new("ISO-8859-1", Strict(28591), "ISO-8859-1"),
        _ => null,
    };

    /// <summary>The header's language driver id (byte 29), where it names one of ours.</summary>
    private static DbfEncoding? FromDriver(byte id) => id switch
    {
        0x4D or 0x7A => FromCpg("936"),
        0x57 or 0x03 => FromCpg("1252"),
        _ => null,
    };

    /// <summary>The encoding to read the DBF in, and every place it cannot read (feature index, field, what is wrong).</summary>
    public static (DbfEncoding Encoding, string How, List<(int? Feature, string Field, string Message)> Unreadable) Decide(
        string dbf, DbfEncoding? declared, string? cpg)
    {
        var table = Read(dbf);
        var (encoding, how) = declared is not null ? (declared, $"its .cpg says {cpg}")
            : FromDriver(table.Driver) is { } driver ? (driver, "its header's language driver says so")
            : table.Texts.All(t => Valid(t.Bytes, Utf8.Strict)) ? (Utf8, "it has no .cpg, and its texts are valid UTF-8")
            : table.Texts.All(t => Valid(t.Bytes, Gb18030.Strict)) ? (Gb18030, "it has no .cpg, and its texts are valid GB18030, which holds GBK")
            : (Gb18030, "it has no .cpg, and its texts are not UTF-8; GB18030 is what Chinese Shapefiles hold");
        var unreadable = table.Texts.Where(t => !Valid(t.Bytes, encoding.Strict))
            .Select(t => (t.Feature, Valid(t.Field, encoding.Strict) ? encoding.Strict.GetString(t.Field) : $"field {t.Number}", $"the bytes {Hex(t.Bytes)} are not valid {encoding.Said}, the encoding the .dbf is read in ({how}): "
                                               + (declared is null ? "say its encoding in a .cpg file beside it (UTF-8, GBK, GB18030)" : "correct its .cpg")))
            .ToList();
        return (encoding, how, unreadable);
    }

    public static bool Valid(byte[] bytes, Encoding strict)
    {
        try
        {
            strict.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding Strict(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static string Hex(byte[] bytes) => string.Join(" ", bytes.Take(12).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)))
                                               + (bytes.Length > 12 ? " …" : "");

    private sealed record Table(byte Driver, List<(int? Feature, byte[] Field, int Number, byte[] Bytes)> Texts);

    /// <summary>
    /// The non-ASCII texts of a dBase III file: field names (feature none) and character fields' values. The format is a
    /// fixed header (record count at 4, header and record length at 8 and 10, language driver at 29), 32-byte field
    /// descriptors up to 0x0D, then fixed-length records each led by a deletion flag.
    /// </summary>
    private static Table Read(string path)
    {
        using var file = new BinaryReader(File.OpenRead(path));
        var header = file.ReadBytes(32);
        if (header.Length < 32)
        {
            throw new InvalidDataException("the .dbf is shorter than its header");
        }

        var records = BitConverter.ToInt32(header, 4);
        var headerLength = BitConverter.ToUInt16(header, 8);
        var recordLength = BitConverter.ToUInt16(header, 10);
        var fields = new List<(byte[] NameBytes, char Type, int Length)>();
        while (file.BaseStream.Position + 32 <= headerLength)
        {
            var descriptor = file.ReadBytes(32);
            if (descriptor[0] == 0x0D)
            {
                break;
            }

            var nameBytes = descriptor.Take(11).TakeWhile(b => b != 0).ToArray();
            fields.Add((nameBytes, (char)descriptor[11], descriptor[16]));
        }

        var texts = new List<(int?, byte[], int, byte[])>();
        texts.AddRange(fields.Where(f => f.NameBytes.Any(b => b >= 0x80)).Select(f => ((int?)null, f.NameBytes, fields.IndexOf(f) + 1, f.NameBytes)));
        file.BaseStream.Position = headerLength;
        for (var i = 0; i < records; i++)
        {
            var record = file.ReadBytes(recordLength);
            if (record.Length < recordLength)
            {
                break;
            }

            var offset = 1;
            foreach (var field in fields)
            {
                if (field.Type == 'C' && record.Skip(offset).Take(field.Length).Any(b => b >= 0x80))
                {
                    var value = record.AsSpan(offset, field.Length).TrimEnd((byte)' ').TrimEnd((byte)0).ToArray();
                    texts.Add((i, field.NameBytes, fields.IndexOf(field) + 1, value));
                }

                offset += field.Length;
            }
        }

        return new Table(header[29], texts);
    }
}
