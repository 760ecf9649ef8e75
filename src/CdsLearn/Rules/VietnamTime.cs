namespace CdsLearn.Rules;

/// <summary>
/// Dates and years as people in Vietnam count them (UTC+7, no daylight saving): a certificate earned at 6 in the
/// morning carries today's date, and a member born in 2012 is counted as 15 from 00:00 on 1 January 2027 in Sơn La,
/// not seven hours later. Every page, figure, import and seeder takes "today" and "this year" from here.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(utc + Offset);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow().UtcDateTime);

    public static int ThisYear(TimeProvider clock) => Today(clock).Year;
}
