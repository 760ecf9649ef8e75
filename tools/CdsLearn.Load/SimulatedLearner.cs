using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CdsLearn.Content;

namespace CdsLearn.Load;

/// <summary>How simulated learners behave.</summary>
public sealed record LearnerBehaviour
{
    /// <summary>Lessons of the module read before its quiz (signed in, so never from the output cache); 0 goes straight
    /// to the quiz.</summary>
    public int LessonsBeforeQuiz { get; init; } = 1;

    /// <summary>Chance that a lesson not read yet is marked read (a POST).</summary>
    public double MarkRead { get; init; } = 0.5;

    /// <summary>Chance that every answer of a quiz is right; otherwise every answer is wrong.</summary>
    public double RightAnswers { get; init; } = 0.7;

    /// <summary>Chance that a submission is sent twice at once (a double tap, or a phone resending on a bad line).
    /// Both must be acknowledged with the same attempt, stored once.</summary>
    public double DoubleSubmit { get; init; } = 0.05;

    /// <summary>Whether the learner opens the result page the submission redirects to, as a browser does.</summary>
    public bool ViewResult { get; init; } = true;

    /// <summary>Quiz pages each learner opens before the run (<see cref="SimulatedLearner.OpenQuizPagesAheadAsync"/>)
    /// and then sits one at a time, opening a new one only when they are used up: a measurement of the submissions
    /// alone, mostly without the cost of serving a quiz page for each. (A draw grades one attempt, so a page cannot be
    /// sat twice.)</summary>
    public int QuizPagesAhead { get; init; }

    /// <summary>Pause between steps, in ms (reading, answering); 0 for a pure throughput measurement.</summary>
    public int MinThinkMs { get; init; }

    public int MaxThinkMs { get; init; }
}

/// <summary>A quiz page as served to one learner, with the answers they chose.</summary>
public sealed record QuizSitting(Module Module, Guid AttemptId, HtmlForm Form, IReadOnlyCollection<KeyValuePair<string, string>> Answers, bool AnsweredRight);

/// <summary>
/// One citizen on a phone, through HTTP only: own cookies, antiforgery tokens from the forms, signs in, reads lessons,
/// opens a quiz, answers it from the course (the page never says which options are right), submits, and writes down
/// whether the site acknowledged the attempt. A submission cut off by a crash is sent again, with the same attempt id,
/// as the offline queue of a real phone does. Used by the load tests and by `cdslearn bench`.
/// </summary>
public sealed class SimulatedLearner : IDisposable
{
    private readonly HttpClient http;
    /// <summary>Every module of the course, in order.</summary>
    private readonly IReadOnlyList<Module> modules;
    private readonly LearnerBehaviour behaviour;
    private readonly LoadStats stats;
    private readonly AttemptLedger ledger;
    private readonly Random random;
    private readonly HashSet<string> passed = [];
    private readonly HashSet<string> read = [];
    /// <summary>Quiz pages opened ahead and not sat yet, by module.</summary>
    private readonly Dictionary<string, Queue<HtmlForm>> ahead = [];

    /// <param name="cookies">The cookies of an earlier sign-in (valid while the site keeps its data protection keys):
    /// the learner starts signed in, as on a phone that stays signed in for weeks.</param>
    public SimulatedLearner(Uri site, LearnerAccount account, string password, Course course, LearnerBehaviour behaviour, LoadStats stats, AttemptLedger ledger, int seed,
        CookieContainer? cookies = null)
    {
        Account = account;
        Password = password;
        modules = course.Skills.SelectMany(s => s.Modules).ToList();
        this.behaviour = behaviour;
        this.stats = stats;
        this.ledger = ledger;
        random = new Random(seed);
        Cookies = cookies is null ? new CookieContainer() : Copy(cookies);
        SignedIn = cookies is not null;
        http = NewClient(site, Cookies);
    }

    /// <summary>This phone's cookie jar (the sign-in cookie among them).</summary>
    public CookieContainer Cookies { get; }

    public LearnerAccount Account { get; }

    private string Password { get; }

    public bool SignedIn { get; private set; }

    /// <summary>A submission sent without an answer; the next step sends it again.</summary>
    public QuizSitting? Unanswered { get; private set; }

    /// <summary>A phone's browser: its own cookie jar, no automatic redirects (the learner follows them, so each
    /// request is measured), compressed responses like any phone asks for.</summary>
    public static HttpClient NewClient(Uri site, CookieContainer cookies) => new(new SocketsHttpHandler
    {
        UseCookies = true,
        CookieContainer = cookies,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        BaseAddress = site,
        Timeout = TimeSpan.FromSeconds(100),
    };

    /// <summary>Signs in through the sign-in form; true when the site redirects home.</summary>
    public async Task<bool> SignInAsync(CancellationToken cancellationToken = default)
    {
        var page = await SendAsync(Step.SignInPage, () => new HttpRequestMessage(HttpMethod.Get, "/tai-khoan/dang-nhap"), cancellationToken, keepBody: true);
        if (page?.Status != HttpStatusCode.OK || HtmlForm.Find(page.Body, "name=\"Input.Password\"") is not { } form)
        {
            return false;
        }
        var answer = await SendAsync(Step.SignIn, () => new HttpRequestMessage(HttpMethod.Post, form.Action ?? "/tai-khoan/dang-nhap")
        {
            Content = form.Post([new("Input.UserName", Account.UserName), new("Input.Password", Password), new("Input.RememberMe", "true")]),
        }, cancellationToken);
        SignedIn = answer?.Status == HttpStatusCode.Redirect && answer.Location == "/";
        if (answer is not null && !SignedIn)
        {
            stats.Sample($"sign-in of {Account.UserName} answered {(int)answer.Status} {answer.Location}");
        }
        return SignedIn;
    }

    /// <summary>Reads (and maybe marks read) some lessons of a module, opens its quiz, answers, submits and looks at the
    /// result; or first resends a submission that got no answer. Returns false when the site did not answer a step.</summary>
    public async Task<bool> StepAsync(CancellationToken cancellationToken = default)
    {
        if (Unanswered is { } unanswered)
        {
            return await SubmitAsync(unanswered, cancellationToken) is not null;
        }
        var module = NextModule();
        // Some lessons of the module, from a random one on (a learner comes back to where they stopped).
        var from = random.Next(module.Lessons.Count);
        foreach (var lesson in module.Lessons.Skip(from).Concat(module.Lessons.Take(from)).Take(behaviour.LessonsBeforeQuiz))
        {
            if (!await ReadLessonAsync(lesson, cancellationToken))
            {
                return false;
            }
            await ThinkAsync(cancellationToken);
        }
        if (await SitAsync(module, random.NextDouble() < behaviour.RightAnswers, cancellationToken) is not { } sitting)
        {
            return false;
        }
        await ThinkAsync(cancellationToken);
        if (await SubmitAsync(sitting, cancellationToken, twice: random.NextDouble() < behaviour.DoubleSubmit) is not { } acknowledged)
        {
            return false;
        }
        if (acknowledged && behaviour.ViewResult)
        {
            await SendAsync(Step.Result, () => new HttpRequestMessage(HttpMethod.Get, ResultPath(sitting.AttemptId)), cancellationToken);
        }
        await ThinkAsync(cancellationToken);
        return true;
    }

    /// <summary>Any page, as this visitor (with their cookies); null when no answer came.</summary>
    public async Task<(HttpStatusCode Status, string Body)?> GetAsync(string path, Step step = Step.Lesson, CancellationToken cancellationToken = default) =>
        await SendAsync(step, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken, keepBody: true) is { } answer ? (answer.Status, answer.Body) : null;

    public async Task<bool> ReadLessonAsync(Lesson lesson, CancellationToken cancellationToken = default)
    {
        var page = await SendAsync(Step.Lesson, () => new HttpRequestMessage(HttpMethod.Get, $"/bai-hoc/{lesson.Id}"), cancellationToken, keepBody: true);
        if (page is null)
        {
            return false;
        }
        if (page.Status == HttpStatusCode.OK && !read.Contains(lesson.Id) && random.NextDouble() < behaviour.MarkRead
            && HtmlForm.Find(page.Body, "class=\"mark-read\"") is { } form)
        {
            var marked = await SendAsync(Step.MarkRead, () => new HttpRequestMessage(HttpMethod.Post, form.Action ?? $"/bai-hoc/{lesson.Id}") { Content = form.Post([]) }, cancellationToken);
            if (marked is null)
            {
                return false;
            }
            read.Add(lesson.Id);
        }
        return true;
    }

    private async Task<QuizSitting?> SitAsync(Module module, bool right, CancellationToken cancellationToken)
    {
        if (ahead.TryGetValue(module.Id, out var forms) && forms.TryDequeue(out var form))
        {
            return new QuizSitting(module, Guid.Parse(form.HiddenValue("AttemptId")!), form, AnswersFor(module, form, right), right);
        }
        return await OpenQuizAsync(module, right, cancellationToken);
    }

    /// <summary>Opens <see cref="LearnerBehaviour.QuizPagesAhead"/> quiz pages, the modules in turn, to be sat later.
    /// False when the site did not serve one.</summary>
    public async Task<bool> OpenQuizPagesAheadAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < behaviour.QuizPagesAhead; i++)
        {
            var module = modules[i % modules.Count];
            if (await OpenQuizAsync(module, right: true, cancellationToken) is not { } sitting)
            {
                return false;
            }
            if (!ahead.TryGetValue(module.Id, out var forms))
            {
                ahead[module.Id] = forms = new Queue<HtmlForm>();
            }
            forms.Enqueue(sitting.Form);
        }
        return true;
    }

    /// <summary>Opens the quiz and picks answers: all right, or all wrong. Null when the page did not come.</summary>
    public async Task<QuizSitting?> OpenQuizAsync(Module module, bool right, CancellationToken cancellationToken = default)
    {
        var page = await SendAsync(Step.Quiz, () => new HttpRequestMessage(HttpMethod.Get, $"/kiem-tra/{module.Id}"), cancellationToken, keepBody: true);
        if (page?.Status != HttpStatusCode.OK || HtmlForm.Find(page.Body, "class=\"quiz\"") is not { } form
            || !Guid.TryParse(form.HiddenValue("AttemptId"), out var attemptId))
        {
            if (page is not null)
            {
                stats.Sample($"quiz {module.Id} for {Account.UserName}: {(int)page.Status}, no quiz form");
            }
            return null;
        }
        return new QuizSitting(module, attemptId, form, AnswersFor(module, form, right), right);
    }

    /// <summary>Every drawn question answered: all right, or all wrong.</summary>
    private static List<KeyValuePair<string, string>> AnswersFor(Module module, HtmlForm form, bool right)
    {
        var answers = new List<KeyValuePair<string, string>>();
        foreach (var name in form.InputNames.Where(n => n.Length > 1 && n[0] == 'q'))
        {
            var question = module.Quiz.FindQuestion(int.Parse(name[1..], CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException($"{name} is not a question of {module.Id}");
            var chosen = right ? question.CorrectOptions : [question.Options.First(o => !o.IsCorrect).Index];
            answers.AddRange(chosen.Select(i => new KeyValuePair<string, string>(name, i.ToString(CultureInfo.InvariantCulture))));
        }
        return answers;
    }

    /// <summary>Submits the answers. True: acknowledged (redirected to this attempt's result); false: answered
    /// without acknowledging; null: no answer (the sitting is kept and sent again by the next step).</summary>
    public async Task<bool?> SubmitAsync(QuizSitting sitting, CancellationToken cancellationToken = default, bool twice = false)
    {
        ledger.Sent(sitting.AttemptId, Account.UserId);
        Unanswered = sitting;
        var sends = Enumerable.Range(0, twice ? 2 : 1).Select(_ => SendAsync(Step.Submit,
            () => new HttpRequestMessage(HttpMethod.Post, sitting.Form.Action ?? $"/kiem-tra/{sitting.Module.Id}") { Content = sitting.Form.Post(sitting.Answers) },
            cancellationToken)).ToList();
        var answers = await Task.WhenAll(sends);
        bool? outcome = null;
        foreach (var answer in answers.OfType<Answer>())
        {
            if (answer.Status == HttpStatusCode.Redirect && answer.Location == ResultPath(sitting.AttemptId))
            {
                ledger.Acknowledge(new AcknowledgedAttempt(sitting.AttemptId, Account.UserId, sitting.Module.Id, sitting.AnsweredRight, DateTime.UtcNow));
                outcome = true;
            }
            else
            {
                if (answer.Status == HttpStatusCode.Redirect)
                {
                    ledger.WrongRedirect();
                }
                stats.Sample($"submit {sitting.AttemptId} of {Account.UserName}: {(int)answer.Status} {answer.Location}");
                outcome ??= false;
            }
        }
        if (outcome is true)
        {
            Unanswered = null;
            if (sitting.AnsweredRight)
            {
                passed.Add(sitting.Module.Id);
            }
        }
        else if (outcome is false)
        {
            // Answered, but not with the result: the page came back with an error. Not stored, not sent again.
            ledger.Rejected(sitting.AttemptId);
            Unanswered = null;
        }
        return outcome;
    }

    /// <summary>Sends the submission that got no answer until it is answered, or the time is up.</summary>
    public async Task ResolveUnansweredAsync(TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (Unanswered is { } sitting && clock.Elapsed < limit)
        {
            if (await SubmitAsync(sitting, cancellationToken) is null)
            {
                await Task.Delay(random.Next(200, 600), cancellationToken);
            }
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>A copy of a cookie jar, so two runs never share one.</summary>
    public static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Expires = cookie.Expires, HttpOnly = cookie.HttpOnly, Secure = cookie.Secure });
        }
        return copy;
    }

    public static string ResultPath(Guid attemptId) => $"/kiem-tra/ket-qua/{attemptId}";

    /// <summary>Mostly the first module of the course not passed yet, in order (so learners finish skills and earn
    /// certificates); sometimes any module.</summary>
    private Module NextModule()
    {
        if (random.Next(5) != 0 && modules.FirstOrDefault(m => !passed.Contains(m.Id)) is { } next)
        {
            return next;
        }
        return modules[random.Next(modules.Count)];
    }

    private Task ThinkAsync(CancellationToken cancellationToken) => behaviour.MaxThinkMs <= 0
        ? Task.CompletedTask
        : Task.Delay(random.Next(behaviour.MinThinkMs, behaviour.MaxThinkMs + 1), cancellationToken);

    private sealed record Answer(HttpStatusCode Status, string Body, string? Location);

    /// <summary>Sends one request and records it; null when no answer came (refused, cut, timed out). The body is
    /// always received and decompressed, as a phone does, but kept as text only when the caller reads it.</summary>
    private async Task<Answer?> SendAsync(Step step, Func<HttpRequestMessage> request, CancellationToken cancellationToken, bool keepBody = false)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, cancellationToken);
            var body = "";
            if (keepBody)
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            else
            {
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            }
            stats.Record(step, (int)response.StatusCode, clock.Elapsed);
            return new Answer(response.StatusCode, body, response.Headers.Location?.OriginalString);
        }
        // As a phone sees it: refused, cut or timed out. A socket reset right after connecting (the site killed at
        // that moment) can surface from HttpClient as a bare SocketException, not wrapped in HttpRequestException.
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            stats.Failed(step, e);
            return null;
        }
    }
}
