using System.Text.Json;
using LandInventory.Data;
using LandInventory.GisApi.Errors;
using LandInventory.GisApi.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OData.ModelBuilder;
using LandInventory.GisApi.Http;

namespace LandInventory.GisApi.Matching;

/// <summary>
/// The match as an OData function for BI tools: <c>/odata/Match(requirements=@r)?@r='{"space":"floor",…}'</c> takes the
/// JSON of <c>POST /match</c> as a string and answers the ranked sites with each criterion's fit — the same
/// <see cref="SiteMatcher"/>, the same 400s (as OData errors).
/// </summary>
public sealed class MatchODataController(InventoryDbContext db) : ODataController
{
    public const string Function = "Match";

    /// <summary>Declares the function and its row types in the inventory's OData model.</summary>
    public static void Configure(ODataConventionModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ComplexType<MatchRow>().Namespace = InventoryModel.Namespace;
        builder.ComplexType<CriterionRow>().Namespace = InventoryModel.Namespace;
        var match = builder.Function(Function);
        match.Namespace = InventoryModel.Namespace;
        // A function with a parameter is no entry of the service document (OData's rule).
        match.IncludeInServiceDocument = false;
        match.Parameter<string>("requirements");
        match.ReturnsCollection<MatchRow>();
    }

    [HttpGet($"{ODataSetup.Prefix}/{Function}(requirements={{requirements}})")]
    public async Task<IActionResult> Get([FromODataUri] string requirements, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(requirements).RootElement;
        }
        catch (JsonException e)
        {
            throw new RequestRefusedException(Refusal.Invalid, "Invalid requirements", $"requirements: not JSON: {e.Message}");
        }

        var errors = new List<FieldError>();
        var query = await MatchEndpoints.ReadAsync(MatchBody.Read(body, errors), errors, db, ct);
        var answer = await SiteMatcher.RunAsync(db, query, Request.Root(), ct);
        return Ok(answer.Matches.Select(m => new MatchRow
        {
            Rank = m.Rank, Layer = m.Layer, Code = m.Code, NameZh = m.NameZh, NameEn = m.NameEn, StewardId = m.StewardId, Score = m.Score,
            Criteria = m.Criteria.Select(c => new CriterionRow
            {
                Criterion = c.Criterion, Kind = c.Kind, Must = c.Must, Status = c.Status, Unit = c.Unit, Shortfall = c.Shortfall,
                Value = c.Value switch { null => null, IEnumerable<string> values => string.Join(',', values), var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) },
                TextZh = c.Text.Zh, TextEn = c.Text.En,
            }).ToList(),
        }).ToList());
    }
}

/// <summary>A ranked site as the OData function answers it.</summary>
public sealed class MatchRow
{
    public int Rank { get; set; }

    public string Layer { get; set; } = "";

    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string StewardId { get; set; } = "";

    public double Score { get; set; }

    public List<CriterionRow> Criteria { get; set; } = [];
}

/// <summary>One criterion's fit as the OData function answers it; the figure as text (a number, a date or names).</summary>
public sealed class CriterionRow
{
    public string Criterion { get; set; } = "";

    public string? Kind { get; set; }

    public bool Must { get; set; }

    public string Status { get; set; } = "";

    public string? Value { get; set; }

    public string? Unit { get; set; }

    public double? Shortfall { get; set; }

    public string TextZh { get; set; } = "";

    public string TextEn { get; set; } = "";
}
