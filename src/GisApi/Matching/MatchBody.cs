using System.Text.Json;
using LandInventory.GisApi.Errors;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// <c>POST /match</c>'s body: <c>{"space": "floor", "criteria": [{"criterion": "floorLoad", "min": 30}, …], "limit": 20,
/// "offset": 0}</c>. Read field by field so that a wrong type or an unknown field is named, not dropped.
/// </summary>
public static class MatchBody
{
    private static readonly string[] Top = ["space", "criteria", "limit", "offset"];

    public static (string? Space, List<WrittenRequirement> Written, int? Limit, int? Offset) Read(JsonElement body, List<FieldError> errors)
    {
        var written = new List<WrittenRequirement>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldError.Of("body", "the requirements are a JSON object: {\"space\": …, \"criteria\": […]}"));
            return (null, written, null, null);
        }

        foreach (var p in body.EnumerateObject().Where(p => !Top.Contains(p.Name)))
        {
            errors.Add(FieldError.Of(p.Name, $"not a field of the requirements ({string.Join(", ", Top)})"));
        }

        var space = Text(body, "space", "space", errors);
        var limit = Integer(body, "limit", errors);
        var offset = Integer(body, "offset", errors);
        if (body.TryGetProperty("criteria", out var criteria) && criteria.ValueKind != JsonValueKind.Array)
        {
            errors.Add(FieldError.Of("criteria", "a list of requirements: [{\"criterion\": …}, …]"));
        }
        else if (criteria.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in criteria.EnumerateArray())
            {
                if (Requirement(item, $"criteria[{i++}]", errors) is { } w)
                {
                    written.Add(w);
                }
            }
        }

        return (space, written, limit, offset);
    }

    private static WrittenRequirement? Requirement(JsonElement item, string where, List<FieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldError.Of(where, "a requirement is an object: {\"criterion\": \"floorLoad\", \"min\": 30}"));
            return null;
        }

        return new WrittenRequirement(where, Text(item, "criterion", where, errors), Number(item, "min", where, errors),
            Number(item, "max", where, errors), Text(item, "unit", where, errors), Texts(item, "values", where, errors),
            Text(item, "date", where, errors), Text(item, "kind", where, errors), Numbers(item, "point", where, errors),
            Flag(item, "must", where, errors), Number(item, "weight", where, errors),
            item.EnumerateObject().Select(p => p.Name).ToList());
    }

    private static string? Text(JsonElement o, string name, string where, List<FieldError> errors) =>
        Get(o, name, where, JsonValueKind.String, "text", errors)?.GetString();

    private static double? Number(JsonElement o, string name, string where, List<FieldError> errors) =>
        Get(o, name, where, JsonValueKind.Number, "a number", errors)?.GetDouble();

    private static bool? Flag(JsonElement o, string name, string where, List<FieldError> errors)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        errors.Add(FieldError.Of($"{where}.{name}", $"{v.GetRawText()} is not true or false"));
        return null;
    }

    private static int? Integer(JsonElement o, string name, List<FieldError> errors)
    {
        if (Get(o, name, null, JsonValueKind.Number, "a whole number", errors) is not { } v)
        {
            return null;
        }

        if (v.TryGetInt32(out var i))
        {
            return i;
        }

        errors.Add(FieldError.Of(name, $"{v.GetRawText()} is not a whole number"));
        return null;
    }

    private static List<string>? Texts(JsonElement o, string name, string where, List<FieldError> errors)
    {
        if (Get(o, name, where, JsonValueKind.Array, "a list of names", errors) is not { } v)
        {
            return null;
        }

        if (v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            errors.Add(FieldError.Of($"{where}.{name}", "a list of names: [\"…\", …]"));
            return null;
        }

        return v.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static List<double>? Numbers(JsonElement o, string name, string where, List<FieldError> errors)
    {
        if (Get(o, name, where, JsonValueKind.Array, "[longitude, latitude]", errors) is not { } v)
        {
            return null;
        }

        if (v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
        {
            errors.Add(FieldError.Of($"{where}.{name}", "[longitude, latitude], two numbers"));
            return null;
        }

        return v.EnumerateArray().Select(e => e.GetDouble()).ToList();
    }

    /// <summary>The field if present and of the kind asked; a field of another kind is an error; null (JSON) is absent.</summary>
    private static JsonElement? Get(JsonElement o, string name, string? where, JsonValueKind kind, string what, List<FieldError> errors)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == kind)
        {
            return v;
        }

        errors.Add(FieldError.Of(where is null ? name : $"{where}.{name}", $"{v.GetRawText()} is not {what}"));
        return null;
    }

}
