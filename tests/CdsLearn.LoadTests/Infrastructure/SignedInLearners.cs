using System.Net;
using CdsLearn.Load;

namespace CdsLearn.LoadTests.Infrastructure;

/// <summary>
/// The learners, signed in once through the sign-in form (each sign-in pays the full password hash, about half a
/// minute for 500 on two cores), then the site stopped: every test starts from a copy of that data folder with the
/// learners' cookies, as phones that stay signed in, and spends its time on learning.
/// </summary>
public sealed class SignedInLearners : IAsyncLifetime
{
    private LoadWorkspace? template;

    public LoadWorkspace Template => template ?? throw new InvalidOperationException("not initialized");

    public IReadOnlyDictionary<string, CookieContainer> Cookies { get; private set; } = new Dictionary<string, CookieContainer>();

    public TimeSpan SignInTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        template = await LoadSettings.CreateWorkspaceAsync(LoadSettings.Learners, TestContext.Current.CancellationToken);
        await using var site = await template.StartSiteAsync(TestContext.Current.CancellationToken);
        using var run = new LoadRun(site.BaseAddress, template.Population, template.Course, new LearnerBehaviour());
        SignInTime = await run.SignInAllAsync(cancellationToken: TestContext.Current.CancellationToken);
        Cookies = run.Cookies();
        await site.StopAsync();
    }

    /// <summary>A fresh copy of the signed-in learners' data folder for one test.</summary>
    public LoadWorkspace NewWorkspace() => Template.Copy();

    public async ValueTask DisposeAsync()
    {
        if (template is not null)
        {
            await template.DisposeAsync();
        }
    }
}
