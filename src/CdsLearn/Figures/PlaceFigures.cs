using CdsLearn.Certificates;

namespace CdsLearn.Figures;

/// <summary>A place on the dashboard (the province, a commune, a village) with its figures.</summary>
public sealed record PlaceFigures(int Id, string Name, int? OfficialHouseholds, FigureSeries Series)
{
    public int Households(Quarter q) => Series.AsOf(Metric.Households, q);

    public int Covered(Quarter q) => Series.AsOf(Metric.Covered, q);

    /// <summary>Covered households against the official count when it is known, else against the registered ones.</summary>
    public double CoverageOf(Quarter q) => Share(Covered(q), OfficialHouseholds ?? Households(q));

    public double CoverageOfRegistered(Quarter q) => Share(Covered(q), Households(q));

    public double? CoverageOfOfficial(Quarter q) => OfficialHouseholds is { } official and > 0 ? Share(Covered(q), official) : null;

    /// <summary>Households with a member holding the skill (or "Công dân số"), against the same base as coverage.</summary>
    public double SkillShareOf(string skillId, Quarter q) =>
        Share(skillId == Certificate.DigitalCitizen ? Covered(q) : Series.AsOf(Metric.HouseholdsWithSkill(skillId), q), OfficialHouseholds ?? Households(q));

    public static double Share(int part, int whole) => whole > 0 ? (double)part / whole : 0;
}
