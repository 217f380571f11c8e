namespace LandInventory.GisApi.Errors;

/// <summary>Why a request is refused, in the domain's words; <see cref="ErrorHandling"/> says which status each is.</summary>
public enum Refusal
{
    /// <summary>The request cannot be understood as asked (400).</summary>
    Invalid,

    /// <summary>Signing in failed: no such user, or the wrong password (401).</summary>
    NotSignedIn,

    /// <summary>The caller may not do this to this record (403).</summary>
    NotYours,

    /// <summary>No such collection, feature or job (404).</summary>
    NotFound,

    /// <summary>The change conflicts with the inventory: the feature exists, others point to it (409).</summary>
    Conflict,

    /// <summary>The feature changed since the caller read it (412).</summary>
    Stale,

    /// <summary>The body is larger than this route takes (413).</summary>
    TooLarge,

    /// <summary>The feature or change breaks the inventory's rules; nothing was written (422).</summary>
    Unprocessable,

    /// <summary>A write without the <c>If-Match</c> that guards against lost updates (428).</summary>
    NeedsIfMatch,

    /// <summary>The caller, or everyone, has as much waiting as the service takes; retry later (429).</summary>
    Busy,
}
