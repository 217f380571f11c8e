using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LandInventory.Import.Reading;

/// <summary>The input's structure: which shape it has, and the steps through a sequence and through a collection.</summary>
public sealed partial class GeoJsonFeatureReader
{
    private enum Place
    {
        BeforeRoot,
        InRoot,
        InFeatures,
        AfterRoot,
    }

    private async IAsyncEnumerable<RawFeature> SequenceAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var index = 0;
        while (await NextAsync(() => NextSequenceFeature(index), ct) is { } feature)
        {
            index++;
            yield return feature;
        }
    }

    private Step<RawFeature?> NextSequenceFeature(int index)
    {
        var reader = Reader();
        if (!reader.Read())
        {
            return _eof ? Done<RawFeature?>(null) : default;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid(index, $"expected a GeoJSON Feature object, found {reader.TokenType}");
        }

        if (TryParse(ref reader, out var feature))
        {
            Commit(ref reader);
            return Done<RawFeature?>(ToFeature(feature, index));
        }

        // The feature goes on beyond the buffer: read more, unless the input has ended.
        return _eof ? throw Invalid(index, "the file ends in the middle of a feature (truncated?)") : default;
    }

    private async IAsyncEnumerable<RawFeature> CollectionAsync(bool findCrs, [EnumeratorCancellation] CancellationToken ct)
    {
        var place = Place.BeforeRoot;
        var index = 0;
        while (place != Place.AfterRoot)
        {
            var (next, feature) = await NextAsync(() => CollectionStep(place, index), ct);
            if (place == Place.InRoot && next == Place.InFeatures && findCrs && DeclaredCrs is null)
            {
                DeclaredCrs = await FindLateCrsAsync(ct);
            }

            place = next;
            if (feature is not null)
            {
                index++;
                yield return feature;
            }
        }

        await NextAsync(NothingAfterRoot, ct);
    }

    private Step<bool> NothingAfterRoot()
    {
        var reader = Reader();
        if (reader.Read())
        {
            throw Invalid(null, "more than one JSON value: a FeatureCollection must be the whole file");
        }

        return _eof ? Done(true) : default;
    }

    /// <summary>One step through the collection's structure; run again from the same place when the buffer runs out.</summary>
    private Step<(Place, RawFeature?)> CollectionStep(Place place, int index)
    {
        var reader = Reader();
        switch (place)
        {
            case Place.BeforeRoot when reader.Read():
                Commit(ref reader);
                return Done<(Place, RawFeature?)>((Place.InRoot, null));
            case Place.InRoot when reader.Read():
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    Commit(ref reader);
                    return Done<(Place, RawFeature?)>((Place.AfterRoot, null));
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
                    return Done<(Place, RawFeature?)>((Place.InFeatures, null));
                }

                if (name == "crs" && TryParse(ref reader, out var crs))
                {
                    DeclaredCrs = CrsName(crs);
                    Commit(ref reader);
                    return Done<(Place, RawFeature?)>((Place.InRoot, null));
                }

                if (name != "crs" && reader.TrySkip())
                {
                    Commit(ref reader);
                    return Done<(Place, RawFeature?)>((Place.InRoot, null));
                }

                break;
            case Place.InFeatures when reader.Read():
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Commit(ref reader);
                    return Done<(Place, RawFeature?)>((Place.InRoot, null));
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Invalid(index, $"'features' must hold Feature objects, found {reader.TokenType}");
                }

                if (TryParse(ref reader, out var feature))
                {
                    Commit(ref reader);
                    return Done<(Place, RawFeature?)>((Place.InFeatures, ToFeature(feature, index)));
                }

                break;
        }

        return _eof ? throw Invalid(null, "the file ends in the middle of the FeatureCollection (truncated?)") : default;
    }

    /// <summary>Decides, from the first object's members, whether this is a collection or a sequence of features.</summary>
    private Step<Shape> Identify()
    {
        var reader = Reader();
        if (TryIdentify(ref reader) is { } shape)
        {
            return Done(shape);
        }

        return _eof ? throw Invalid(null, _end == 0 ? "the file is empty" : "not GeoJSON: the object has no 'type' member") : default;
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
}
