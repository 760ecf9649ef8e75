using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Channels;
using CdsLearn.Content;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Keys;
using CdsLearn.Learning;
using CdsLearn.Voices;
using CdsLearn.Web;
using CdsLearn.Web.Pages.Accounts;
using CdsLearn.Web.Pages.Shared;
using CdsLearn.Web.Pages.Voices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);
// Every response of a phone's first visit carries the headers: no "Server: Kestrel" in them.
builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
// Requests are read on the socket threads; a kept lesson is answered there, everything else leaves them at once.
builder.UseInlineSockets();

var dataFolder = DataFolder.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCdsLearnData(builder.Configuration, dataFolder);
// Keys for cookies and quiz draw tokens live in the database, so sign-ins and open quizzes survive a restart and
// every server behind one address reads the same keys; they and the certificate signing key are stored encrypted with
// a key-encryption key that is not in the database.
builder.Services.AddKeys();
builder.Services.AddAccounts();
builder.Services.AddContent();
builder.Services.AddLearning();
builder.Services.AddCertificates();
builder.Services.AddHouseholds();
builder.Services.AddContests();
builder.Services.AddChannels();
builder.Services.AddVoices();

builder.Services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "cdslearn";
    options.LoginPath = "/tai-khoan/dang-nhap";
    options.LogoutPath = "/tai-khoan/dang-xuat";
    options.AccessDeniedPath = "/tai-khoan/khong-co-quyen";
    // A citizen's own phone stays signed in for weeks; every visit pushes the expiry further.
    options.ExpireTimeSpan = UserSessions.IdleLifetime;
    options.SlidingExpiration = true;
    // The cookie's session must still be live on the server (signing out, a new password end it at once).
    options.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
});
builder.Services.AddSingleton<KnownPhones>();
builder.Services.AddSingleton<CdsLearn.Web.Pages.Accounts.SignInPurposes>();
builder.Services.AddScoped<AccountSignIn>();
builder.Services.AddHostedService<AccountsSweeper>();

builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Learning");
    options.Conventions.AuthorizePage("/Practice/Assessed");
    options.Conventions.AuthorizePage("/Practice/Result");
    options.Conventions.AuthorizePage("/Certificates/Index");
    options.Conventions.AuthorizePage("/Certificates/Show");
    options.Conventions.AuthorizePage("/Certificates/Revoke", AuthorizationPolicies.ProvinceWide);
    options.Conventions.AuthorizePage("/Accounts/ChangePassword");
    options.Conventions.AuthorizePage("/Accounts/JoinHousehold");
    // Household pages: outreach roles only; the dashboard: everyone who works with households; teams: commune
    // officers and province staff; contests: outreach roles run them, anyone plays at /thi. Each within the one
    // scope check (ScopeFilter), and each handler loads what it touches through the user's scope.
    options.Conventions.AuthorizeFolder("/Households", AuthorizationPolicies.Outreach);
    options.Conventions.AuthorizeFolder("/Dashboard", AuthorizationPolicies.Outreach);
    options.Conventions.AuthorizeFolder("/Teams", AuthorizationPolicies.TeamManagers);
    // "Kênh của xã": anyone reads it; its settings are set by commune officers (their communes) and province staff,
    // each page loading the commune through the communes the user manages.
    options.Conventions.AuthorizePage("/Channels/Settings", AuthorizationPolicies.TeamManagers);
    options.Conventions.AuthorizePage("/Channels/Edit", AuthorizationPolicies.TeamManagers);
    // Voices: team members record; commune officers (their communes' teams) and province staff see the progress and
    // review, each review loading the recording through their scope.
    options.Conventions.AuthorizePage("/Voices/Record", AuthorizationPolicies.Recorders);
    options.Conventions.AuthorizePage("/Voices/Index", AuthorizationPolicies.TeamManagers);
    options.Conventions.AuthorizePage("/Voices/Review", AuthorizationPolicies.TeamManagers);
    options.Conventions.AddPageApplicationModelConvention("/Voices/Review", model => model.Filters.Add(new ServiceFilterAttribute(typeof(ScopeFilter))));
    options.Conventions.AuthorizeFolder("/Contests", AuthorizationPolicies.Outreach);
    options.Conventions.AllowAnonymousToPage("/Contests/Play");
    // The big screen by its own link: its key is the permission (DisplayModel), no one signs in on the TV.
    options.Conventions.AllowAnonymousToPage("/Contests/Display");
    foreach (var folder in new[] { "/Households", "/Dashboard", "/Teams", "/Contests" })
    {
        options.Conventions.AddFolderApplicationModelConvention(folder, model =>
        {
            if (model.ViewEnginePath is not "/Contests/Play" and not "/Contests/Display")
            {
                model.Filters.Add(new ServiceFilterAttribute(typeof(ScopeFilter)));
            }
        });
    }
}).AddMvcOptions(options =>
{
    VietnameseModelBindingMessages.Apply(options.ModelBindingMessageProvider);
    options.Filters.Add<KnownHandlerFilter>();
    options.ModelBinderProviders.Insert(0, new PlainTextBinderProvider());
    options.ModelBinderProviders.Insert(0, new DateInputBinderProvider());
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(AuthorizationPolicies.ProvinceWide, policy => policy.RequireRole(Roles.ProvinceStaff, Roles.Admin))
    .AddPolicy(AuthorizationPolicies.Outreach, policy => policy.RequireRole(Roles.TeamMember, Roles.CommuneOfficer, Roles.ProvinceStaff, Roles.Admin))
    .AddPolicy(AuthorizationPolicies.TeamManagers, policy => policy.RequireRole(Roles.CommuneOfficer, Roles.ProvinceStaff, Roles.Admin))
    .AddPolicy(AuthorizationPolicies.Recorders, policy => policy.RequireRole(Roles.TeamMember));
builder.Services.AddScoped<ScopeFilter>();
// Enums go out as words ("question", "revealed"), which the contest pages' scripts read.
var signalR = builder.Services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(
    new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
// Several servers behind one address: a live event raised on one reaches the clients of every other through Redis.
if (builder.Configuration["SignalR:Redis"] is { Length: > 0 } redis)
{
    signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix =
        StackExchange.Redis.RedisChannel.Literal(builder.Configuration["SignalR:ChannelPrefix"] ?? "cdslearn"));
}
builder.Services.AddSingleton<CdsLearn.Figures.IFigureListener, CdsLearn.Web.Live.LiveFigures>();
builder.Services.AddScoped<CdsLearn.Web.Pages.Contests.ContestBroadcaster>();
builder.Services.AddHostedService<CdsLearn.Web.Pages.Contests.ContestTimer>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<CdsLearn.Web.CourseLinks>();
// <component render-mode="Static"> without Blazor's per-request interactivity (StaticComponentPrerenderer).
builder.Services.Replace(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Components.Endpoints.IComponentPrerenderer, StaticComponentPrerenderer>());
builder.Services.AddScoped<CdsLearn.Web.Pages.Learning.AssistedSession>();
// Vietnamese text goes out as UTF-8, not as &#x...; entities that triple the size of every page.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
// Pages shrink to about a third on slow 3G. Compression stays off for HTTPS served by Kestrel itself (BREACH);
// behind a TLS-terminating proxy the app speaks HTTP and responses are compressed (CompressionBehindProxy).
builder.Services.AddResponseCompression(options =>
{
    // SVG is text (the icon; the course's pictures go out gzipped already: ContentAssetEndpoints).
    options.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Append("image/svg+xml");
    // Brotli first, as by default: quality 2 for personal pages, Optimal for the rest (PageBrotliProvider).
    options.Providers.Add<PageBrotliProvider>();
    options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
});
// The default level, Fastest, sent the style sheet as 5.5 KB of a lesson's 14 KB first visit; Optimal is still cheap
// for pages of a few KB and leaves room for a lesson's glossary and its script (issue 17).
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(
    options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
builder.Services.AddOutputCache(options => options.AddPolicy(PageCaching.AnonymousPages, new PageCaching.AnonymousOnlyPolicy()));
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>();
builder.Services.AddCdsLearnRateLimits(builder.Configuration);
builder.Services.AddAccountRateLimits(builder.Configuration);
builder.Services.AddCdsLearnForwardedHeaders(builder.Configuration);

var app = builder.Build();

if (SocketThreads.Inline)
{
    app.Logger.LogInformation("Requests are read on the socket threads ({Variable}=1, inline scheduling)", SocketThreads.InlineCompletionsVariable);
}

// Load the course now, so a broken course stops the start instead of the first learner's request (the certificate
// signing key is loaded the same way, once the migrations have run: it lives in the database).
app.Services.GetRequiredService<CourseCatalog>();

// First: the client's address and scheme, as the reverse proxy saw them, for rate limits, HSTS and links.
app.UseForwardedHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
// A visitor's lesson from bytes compressed once, before the rest of the pipeline (a miss runs it and is kept).
app.UseMiddleware<AnonymousPageCache>();
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
app.UseResponseCompression();
app.UseCompressionBehindProxy();
var contentTypes = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
contentTypes.Mappings[".webmanifest"] = "application/manifest+json";
app.UseStaticFiles(new StaticFileOptions
{
    ContentTypeProvider = contentTypes,
    // Pages link styles and scripts with asp-append-version, so a changed file gets a new URL: cache for a year.
    OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = context.File.Name is "sw.js" or "manifest.webmanifest" or "offline.html"
        ? "no-cache" // fixed names: always revalidated, so a new version reaches phones
        : "public, max-age=31536000, immutable",
});
app.UseVietnameseCulture();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapHealthChecks("/healthz");
app.MapContentAssets();
app.MapDisplayOptions();
app.MapVoices();
app.MapRazorPages();
app.MapHub<CdsLearn.Web.Live.FiguresHub>(CdsLearn.Web.Live.FiguresHub.Path);
app.MapHub<CdsLearn.Web.Pages.Contests.ContestHub>(CdsLearn.Web.Pages.Contests.ContestHub.Path);

app.Run();

/// <summary>Visible to the in-process tests.</summary>
public partial class Program;
