using CdsLearn.Certificates;
using CdsLearn.Figures;

namespace CdsLearn.Cli;

/// <summary>The demo's quarterly targets and report notes.</summary>
public sealed partial class DemoProvince
{
    /// <summary>The province's targets for the demo's six quarters and the next: "Công dân số" in a rising share of
    /// households, and each quarter one skill in focus.</summary>
    public void SeedProvinceTargets(string provinceStaffId)
    {
        using var transaction = Begin();
        var quarter = Quarter.Of(periodStart);
        for (var i = 0; i < 7; i++, quarter = quarter.Next)
        {
            var setAt = Earliest(StartOf(quarter).AddDays(-10).AddMinutes(random.Next(8 * 60, 17 * 60)), now.AddDays(-1));
            targets.Run(null, quarter.Key, Certificate.DigitalCitizen, 5 + 10 * i, provinceStaffId, Sql.Time(setAt));
            targets.Run(null, quarter.Key, skills[i % skills.Count], 30 + 5 * i, provinceStaffId, Sql.Time(setAt));
        }
        transaction.Commit();
    }

    /// <summary>Now and then a commune's own target for this quarter, and the difficulties it wrote into the
    /// reports of the last two quarters.</summary>
    private void WritePlans(DemoCommune commune, double progress, string officerId)
    {
        var current = Quarter.Of(now);
        if (random.NextDouble() < 0.15)
        {
            var percent = (int)Math.Round(20 * Math.Min(0.9, progress + 0.1)) * 5;
            var setAt = Earliest(StartOf(current).AddDays(random.Next(3, 15)), now);
            targets.Run(commune.Id, current.Key, Certificate.DigitalCitizen, percent, officerId, Sql.Time(setAt));
        }
        for (var quarter = current.Previous.Previous; quarter.Key < current.Key; quarter = quarter.Next)
        {
            if (random.NextDouble() < 0.4)
            {
                var text = string.Join(" ", Difficulties.OrderBy(_ => random.Next()).Take(random.Next(1, 4)));
                var at = Earliest(StartOf(quarter.Next).AddDays(random.Next(1, 15)).AddMinutes(random.Next(8 * 60, 17 * 60)), now);
                reportNotes.Run(commune.Id, quarter.Key, text, officerId, Sql.Time(at));
            }
        }
    }
}
