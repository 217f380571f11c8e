using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LandInventory.Import.Reading;

/// <summary>
/// Reads GeoJSON features one at a time from a FeatureCollection (RFC 7946), a single Feature, or a sequence of Features
/// (newline-delimited or RFC 8142), without holding more than one feature in memory: a 1 GB file is read through a buffer
/// that only grows to the size of its largest feature. The legacy <c>crs</c> member of a collection is read wherever it
/// stands. Malformed input throws <see cref="InvalidInputException"/> naming the place.
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> is a ref struct and cannot live across an <c>await</c>, so parsing is split into steps
/// over the bytes already buffered: a step either finishes or says it needs more, and <see cref="NextAsync{T}"/> reads
/// more of the input asynchronously and runs it again from the same place.
/// </remarks>
public sealed partial class GeoJsonFeatureReader : IAsyncDisposable
{
    private const int InitialBufferSize = 1024 * 1024;
    private const int MaxFeatureBytes = 256 * 1024 * 1024;

    private readonly ImportInput _input;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state = new(new JsonReaderOptions { AllowMultipleValues = true });

    private GeoJsonFeatureReader(ImportInput input)
    {
        _input = input;
        var stream = input.Open();
        Length = stream.CanSeek ? stream.Length : 0;
        _stream = new RecordSeparatorStream(stream);
    }

    private enum Shape
    {
        Collection,
        Sequence,
    }

    /// <summary>The input's size in bytes (0 when its stream cannot tell), and how far reading has come (for progress).</summary>
    public long Length { get; }

    public long Position { get; private set; }

    /// <summary>The coordinate system named by the collection's legacy <c>crs</c> member, if it has one.</summary>
    public string? DeclaredCrs { get; private set; }

    public static GeoJsonFeatureReader Open(ImportInput input) => new(input);

    /// <summary>
    /// The features, in input order. With <paramref name="findCrs"/>, a <c>crs</c> member that stands after the features
    /// is looked for first (one extra pass over the input's tokens), so that <see cref="DeclaredCrs"/> is known before
    /// the first feature.
    /// </summary>
    public async IAsyncEnumerable<RawFeature> FeaturesAsync(bool findCrs, [EnumeratorCancellation] CancellationToken ct)
    {
        var shape = await NextAsync(Identify, ct);
        var features = shape == Shape.Sequence ? SequenceAsync(ct) : CollectionAsync(findCrs, ct);
        await foreach (var feature in features)
        {
            yield return feature;
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    /// <summary>What a parsing step over the buffered bytes came to: its value, or that it needs more of the input.</summary>
    private readonly record struct Step<T>(bool Done, T Value);

    private static Step<T> Done<T>(T value) => new(true, value);

    /// <summary>Runs <paramref name="step"/> until it finishes, reading more of the input whenever it needs more.</summary>
    private async ValueTask<T> NextAsync<T>(Func<Step<T>> step, CancellationToken ct)
    {
        while (true)
        {
            var result = Wrap(step);
            if (result.Done)
            {
                return result.Value;
            }

            await RefillAsync(ct);
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

    /// <summary>Keeps the unread bytes, grows the buffer when one value fills it, and reads more of the input.</summary>
    private async ValueTask RefillAsync(CancellationToken ct)
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

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), ct);
        _end += read;
        Position += read;
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
        new([new ImportProblem(_input.Name, index, null, "(file)", message)]);

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
            return new RawFeature(_input.Name, index, properties, geometry);
        }
    }
}
