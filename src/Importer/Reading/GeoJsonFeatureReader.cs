using System.Text.Json;

namespace LandInventory.Importer.Reading;

/// <summary>
/// Reads GeoJSON features one at a time from a FeatureCollection (RFC 7946), a single Feature, or a sequence of Features
/// (newline-delimited or RFC 8142), without holding more than one feature in memory: a 1 GB file is read through a buffer
/// that only grows to the size of its largest feature. The legacy <c>crs</c> member of a collection is read wherever it
/// stands. Malformed input throws <see cref="InvalidInputException"/> naming the place.
/// </summary>
public sealed partial class GeoJsonFeatureReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private const int MaxFeatureBytes = 256 * 1024 * 1024;

    private readonly string _path;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state = new(new JsonReaderOptions { AllowMultipleValues = true });

    private GeoJsonFeatureReader(string path)
    {
        _path = path;
        _stream = new RecordSeparatorStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        Length = _stream.Length;
    }

    private enum Shape
    {
        Collection,
        Sequence,
    }

    private enum Place
    {
        BeforeRoot,
        InRoot,
        InFeatures,
        AfterRoot,
    }

    /// <summary>The file's size in bytes, and how far reading has come (for progress).</summary>
    public long Length { get; }

    public long Position => _stream.Position;

    /// <summary>The coordinate system named by the collection's legacy <c>crs</c> member, if it has one.</summary>
    public string? DeclaredCrs { get; private set; }

    public static GeoJsonFeatureReader Open(string path) => new(path);

    /// <summary>
    /// The features, in file order. With <paramref name="findCrs"/>, a <c>crs</c> member that stands after the features
    /// is looked for first (one extra pass over the file's tokens), so that <see cref="DeclaredCrs"/> is known before the
    /// first feature.
    /// </summary>
    public IEnumerable<RawFeature> Features(bool findCrs)
    {
        var shape = Wrap(Identify);
        return shape == Shape.Sequence ? Sequence() : Collection(findCrs);
    }

    public void Dispose() => _stream.Dispose();

    private IEnumerable<RawFeature> Sequence()
    {
        var index = 0;
        while (true)
        {
            var feature = Wrap(() => NextSequenceFeature(index));
            if (feature is null)
            {
                yield break;
            }

            index++;
            yield return feature;
        }
    }

    private RawFeature? NextSequenceFeature(int index)
    {
        while (true)
        {
            var reader = Reader();
            if (!reader.Read())
            {
                if (_eof)
                {
                    return null;
                }

                Refill();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(index, $"expected a GeoJSON Feature object, found {reader.TokenType}");
            }

            if (TryParse(ref reader, out var feature))
            {
                Commit(ref reader);
                return ToFeature(feature, index);
            }

            // The feature goes on beyond the buffer: read more, unless the file has ended.
            if (_eof)
            {
                throw Invalid(index, "the file ends in the middle of a feature (truncated?)");
            }

            Refill();
        }
    }

    private IEnumerable<RawFeature> Collection(bool findCrs)
    {
        var place = Place.BeforeRoot;
        var index = 0;
        while (place != Place.AfterRoot)
        {
            var (next, feature) = Wrap(() => Step(place, index, findCrs));
            place = next;
            if (feature is not null)
            {
                index++;
                yield return feature;
            }
        }

        Wrap(() =>
        {
            while (true)
            {
                var reader = Reader();
                if (reader.Read())
                {
                    throw Invalid(null, "more than one JSON value: a FeatureCollection must be the whole file");
                }

                if (_eof)
                {
                    return true;
                }

                Refill();
            }
        });
    }

    /// <summary>One step through the collection's structure; retried from the same place when the buffer runs out.</summary>
    private (Place, RawFeature?) Step(Place place, int index, bool findCrs)
    {
        while (true)
        {
            var reader = Reader();
            switch (place)
            {
                case Place.BeforeRoot when reader.Read():
                    Commit(ref reader);
                    return (Place.InRoot, null);
                case Place.InRoot when reader.Read():
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        Commit(ref reader);
                        return (Place.AfterRoot, null);
                    }

                    var name = reader.GetString();
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (name == "features")
                    {
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw Invalid(null, "'features' must be an array of Feature objects");
                        }

                        Commit(ref reader);
                        if (findCrs && DeclaredCrs is null)
                        {
                            DeclaredCrs = FindLateCrs(_path);
                        }

                        return (Place.InFeatures, null);
                    }

                    if (name == "crs" && TryParse(ref reader, out var crs))
                    {
                        DeclaredCrs = CrsName(crs);
                        Commit(ref reader);
                        return (Place.InRoot, null);
                    }

                    if (name != "crs" && reader.TrySkip())
                    {
                        Commit(ref reader);
                        return (Place.InRoot, null);
                    }

                    break;
                case Place.InFeatures when reader.Read():
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        Commit(ref reader);
                        return (Place.InRoot, null);
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Invalid(index, $"'features' must hold Feature objects, found {reader.TokenType}");
                    }

                    if (TryParse(ref reader, out var feature))
                    {
                        Commit(ref reader);
                        return (Place.InFeatures, ToFeature(feature, index));
                    }

                    break;
            }

            if (_eof)
            {
                throw Invalid(null, "the file ends in the middle of the FeatureCollection (truncated?)");
            }

            Refill();
        }
    }

    /// <summary>Decides, from the first object's members, whether this is a collection or a sequence of features.</summary>
    private Shape Identify()
    {
        while (true)
        {
            var reader = Reader();
            if (TryIdentify(ref reader) is { } shape)
            {
                return shape;
            }

            if (_eof)
            {
                throw Invalid(null, _end == 0 ? "the file is empty" : "not GeoJSON: the object has no 'type' member");
            }

            Refill();
        }
    }

    private static Shape? TryIdentify(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"not GeoJSON: expected an object, found {reader.TokenType}");
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                throw new JsonException("not GeoJSON: the object has no 'type' member");
            }

            var name = reader.GetString();
            switch (name)
            {
                case "features":
                    return Shape.Collection;
                case "geometry" or "properties":
                    return Shape.Sequence;
                case "type" when reader.Read():
                    var type = reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString();
                    return type switch
                    {
                        "FeatureCollection" => Shape.Collection,
                        "Feature" => Shape.Sequence,
                        _ => throw new JsonException($"not a GeoJSON Feature or FeatureCollection: its type is \"{type}\""),
                    };
            }

            if (!reader.Read() || !reader.TrySkip())
            {
                return null;
            }
        }

        return null;
    }

    private RawFeature ToFeature(JsonDocument document, int index)
    {
        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !type.ValueEquals("Feature"))
            {
                throw Invalid(index, "not a GeoJSON Feature object (its 'type' must be \"Feature\")");
            }

            var properties = root.TryGetProperty("properties", out var p) ? p.Clone() : default;
            var geometry = root.TryGetProperty("geometry", out var g) ? g.Clone() : default;
            return new RawFeature(_path, index, properties, geometry);
        }
    }

    private static bool TryParse(ref Utf8JsonReader reader, out JsonDocument document)
    {
        if (JsonDocument.TryParseValue(ref reader, out var parsed))
        {
            document = parsed;
            return true;
        }

        document = null!;
        return false;
    }

    private Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), _eof, _state);

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>Keeps the unread bytes, grows the buffer when one value fills it, and reads more of the file.</summary>
    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxFeatureBytes)
            {
                throw Invalid(null, $"one JSON value is larger than {MaxFeatureBytes / (1024 * 1024)} MB");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }

    private T Wrap<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw Invalid(null, $"not valid GeoJSON{where}: {e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
        }
    }

    private InvalidInputException Invalid(int? index, string message) =>
        new([new ImportProblem(_path, index, null, "(file)", message)]);
}
