using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Shared;

/// <summary>
/// A village chosen commune first, as a province of ~3,000 villages needs: the communes in the user's scope, the one
/// chosen (always, when the scope holds just one), and that commune's villages in scope. Pages show the villages of
/// one commune, never a list cut at some length; what is posted is still checked against the scope in the database.
/// </summary>
public sealed record PlaceChoice(IReadOnlyList<(int Id, string Name)> Communes, int? CommuneId, IReadOnlyList<(int Id, string Name)> Villages)
{
    /// <summary>The query key of the chosen commune (the GET form of _CommuneChoice).</summary>
    public const string CommuneKey = "xa";

    public static PlaceChoice None { get; } = new([], null, []);

    /// <summary>Whether the user has a commune to choose (else the one there is is chosen for them).</summary>
    public bool ManyCommunes => Communes.Count > 1;

    public string? CommuneName => Communes.FirstOrDefault(c => c.Id == CommuneId).Name;

    /// <summary>The choice for <paramref name="requested"/> (a commune id from the query or the form, or the commune of
    /// a village already chosen); an id outside the scope chooses nothing.</summary>
    public static async Task<PlaceChoice> LoadAsync(Scope scope, AppDbContext db, int? requested, CancellationToken cancellationToken)
    {
        var communes = (await scope.Communes(db).AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.DisplayName)).ToList();
        int? chosen = communes.Count == 1 ? communes[0].Id : communes.Any(c => c.Id == requested) ? requested : null;
        if (chosen is not { } communeId)
        {
            return new(communes, null, []);
        }
        var villages = await scope.Villages(db).Where(v => v.CommuneId == communeId).OrderBy(v => v.Name)
            .Select(v => new { v.Id, v.Name }).ToListAsync(cancellationToken);
        return new(communes, communeId, villages.Select(v => (v.Id, v.Name)).ToList());
    }

    /// <summary>The commune of a village in scope, to open a form on the commune of the village it holds.</summary>
    public static async Task<int?> CommuneOfAsync(Scope scope, AppDbContext db, int? villageId, CancellationToken cancellationToken) =>
        villageId is { } id
            ? await scope.Villages(db).Where(v => v.Id == id).Select(v => (int?)v.CommuneId).FirstOrDefaultAsync(cancellationToken)
            : null;
}
