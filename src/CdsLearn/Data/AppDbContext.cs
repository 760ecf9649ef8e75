using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Figures;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Learning;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Data;

/// <summary>The platform's database; it also holds the keys that protect cookies (data protection) so that every
/// server behind one address reads the same key ring.</summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options, IEnumerable<IFigureListener>? figureListeners = null, TimeProvider? clock = null)
        : base(options)
    {
        Figures = new FigureKeeper(this, figureListeners ?? [], clock ?? TimeProvider.System);
    }

    internal FigureKeeper Figures { get; }

    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<CommuneOfficer> CommuneOfficers => Set<CommuneOfficer>();
    public DbSet<Channels.ProvinceChannel> ProvinceChannels => Set<Channels.ProvinceChannel>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();
    public DbSet<LessonRead> LessonReads => Set<LessonRead>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<TaskObservation> TaskObservations => Set<TaskObservation>();
    public DbSet<PracticeAttempt> PracticeAttempts => Set<PracticeAttempt>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Households.Assignment> Assignments => Set<Households.Assignment>();
    public DbSet<VillageFigure> VillageFigures => Set<VillageFigure>();
    public DbSet<CommuneFigure> CommuneFigures => Set<CommuneFigure>();
    public DbSet<WorkerFigure> WorkerFigures => Set<WorkerFigure>();
    public DbSet<CommuneFigureState> CommuneFigureStates => Set<CommuneFigureState>();
    public DbSet<QuarterTarget> QuarterTargets => Set<QuarterTarget>();
    public DbSet<CommuneReportNote> CommuneReportNotes => Set<CommuneReportNote>();
    public DbSet<Contests.Contest> Contests => Set<Contests.Contest>();
    public DbSet<Contests.ContestQuestion> ContestQuestions => Set<Contests.ContestQuestion>();
    public DbSet<Contests.ContestPlayer> ContestPlayers => Set<Contests.ContestPlayer>();
    public DbSet<Contests.ContestAnswer> ContestAnswers => Set<Contests.ContestAnswer>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StoredSecret> StoredSecrets => Set<StoredSecret>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<Voices.VoiceRecording> VoiceRecordings => Set<Voices.VoiceRecording>();
    public DbSet<Voices.VoiceConsent> VoiceConsents => Set<Voices.VoiceConsent>();
    public DbSet<Voices.VoiceUpload> VoiceUploads => Set<Voices.VoiceUpload>();

    /// <summary>Every save keeps the figures in step, in the same transaction (see <see cref="FigureKeeper"/>).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Figures.SaveAsync(acceptAllChangesOnSuccess, base.SaveChangesAsync, cancellationToken);

    /// <summary>Contexts are pooled: what a transaction left pending (disposed without a commit or a rollback) must
    /// not be announced by the next request that gets this context.</summary>
    public override void Dispose()
    {
        Figures.RolledBack();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Figures.RolledBack();
        return base.DisposeAsync();
    }

    /// <summary>Only for changes the figures do not depend on (keys, sessions): keeping the figures is asynchronous
    /// work, and blocking a thread on it here could starve the thread pool or deadlock. A synchronous save that
    /// touches households, members, certificates, counted attempts, assignments or observed tasks is refused.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Figures.RefuseSynchronousSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsNpgsql())
        {
            // Every instant here is UTC. PostgreSQL stores them as timestamptz, which Npgsql accepts only from
            // DateTimes marked UTC; SQLite hands them back unmarked, and code compares them either way.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

/// <summary>Marks DateTimes as UTC on their way to and from PostgreSQL (see <see cref="AppDbContext"/>).</summary>
internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
