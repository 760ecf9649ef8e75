using CdsLearn.Load;

namespace CdsLearn.LoadTests.Infrastructure;

/// <summary>The simulated learners read forms out of pages as a browser would submit them: the right form, its
/// action, its hidden fields decoded, the names of the fields to fill.</summary>
public sealed class HtmlFormTests
{
    private const string Page = """
        <header><a href="/">Trang chủ</a><formation>not a form</formation></header>
        <form method="post" action="/tai-khoan/dang-xuat" class="inline"><input name="__RequestVerificationToken" type="hidden" value="first" /><button>Đăng xuất</button></form>
        <div class="quiz-intro">class="quiz" outside any form</div>
        <FORM method='post' action="/kiem-tra/lam-quen?x=1&amp;y=2" class="quiz">
          <input type="hidden" name="AttemptId" value="6f9c2d4e-1b3a-4c5d-8e7f-0a1b2c3d4e5f">
          <label><input type="radio" name="q3" value="0" required> Một</label>
          <label><input type="radio" name="q3" value="1" data-note='name="q9"'> Hai</label>
          <input type=checkbox name=q4 value=2 checked>
          <input type="text" data-x="name=fake" name="Ghi.Chu">
          <input type="submit" value="Nộp bài">
          <input name="__RequestVerificationToken" type="hidden" value="a&amp;b&quot;c" />
        </FORM>
        """;

    [Fact]
    public void TheFormHoldingTheMarkerIsReadWithItsActionHiddenFieldsAndInputs()
    {
        var form = HtmlForm.Find(Page, "class=\"quiz\"");

        Assert.NotNull(form);
        Assert.Equal("/kiem-tra/lam-quen?x=1&y=2", form.Action);
        Assert.Equal([new("AttemptId", "6f9c2d4e-1b3a-4c5d-8e7f-0a1b2c3d4e5f"), new("__RequestVerificationToken", "a&b\"c")], form.Hidden);
        Assert.Equal(["q3", "q4", "Ghi.Chu"], form.InputNames);
        Assert.Equal("6f9c2d4e-1b3a-4c5d-8e7f-0a1b2c3d4e5f", form.HiddenValue("AttemptId"));
    }

    [Fact]
    public void TheFirstFormWithTheMarkerIsTakenAndAMissingOneIsNull()
    {
        Assert.Equal("first", HtmlForm.Find(Page, "__RequestVerificationToken")!.HiddenValue("__RequestVerificationToken"));
        Assert.Equal("/tai-khoan/dang-xuat", HtmlForm.Find(Page, "dang-xuat")!.Action);
        Assert.Null(HtmlForm.Find(Page, "class=\"mark-read\""));
        Assert.Null(HtmlForm.Find("<p>no form</p><form action=\"/x\" class=\"quiz\"><input name=\"a\">", "class=\"quiz\""));
    }

    [Fact]
    public async Task APostSendsTheHiddenFieldsWithTheValuesAValueReplacingAHiddenFieldOfItsName()
    {
        var form = HtmlForm.Find("""<form action="/a"><input type="hidden" name="Nho" value="false"><input type="hidden" name="t" value="k"><input type="checkbox" name="Nho" value="true"></form>""", "action")!;

        var body = await form.Post([new("Nho", "true"), new("q1", "2")]).ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("t=k&Nho=true&q1=2", body);
    }
}
