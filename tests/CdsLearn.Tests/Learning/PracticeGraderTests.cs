using CdsLearn.Content;
using CdsLearn.Learning;

namespace CdsLearn.Tests.Learning;

public class PracticeGraderTests
{
    private static readonly PracticeTask Task = new("lam-thu", "mo-dun", "ky-nang", "Làm thử", 1, "",
        [
            new PracticeScreen("a", "A", "Màn hình A", [
                new(ScreenElementKind.Field, "ma", "Mã"),
                new(ScreenElementKind.Button, "ok", "Đồng ý"),
                new(ScreenElementKind.Button, "huy", "Huỷ"),
            ]),
            new PracticeScreen("b", "B", "Màn hình B", [
                new(ScreenElementKind.Text, null, "Chữ"),
                new(ScreenElementKind.Item, "mot", "Một"),
                new(ScreenElementKind.Item, "hai", "Hai"),
            ]),
        ],
        [
            new PracticeStep(1, "a", "Gõ mã.", "ma", "Hà Nội", "Gợi ý 1"),
            new PracticeStep(2, "a", "Đồng ý.", "ok", null, "Gợi ý 2"),
            new PracticeStep(3, "b", "Chọn Hai.", "hai", null, "Gợi ý 3"),
        ]);

    private static readonly PracticeDraw Draw = PracticeDraw.Create(Task, "u1");

    [Fact]
    public void EveryTargetGetsItsOwnRandomIdEachSitting()
    {
        var other = PracticeDraw.Create(Task, "u1");

        Assert.Equal(5, Draw.Targets.Count);
        Assert.Empty(Draw.Targets.Keys.Intersect(other.Targets.Keys));
        Assert.NotEqual(Draw.Id, other.Id);
    }

    [Fact]
    public void APassIsEveryStepRight()
    {
        var graded = PracticeGrader.Grade(Task, Draw, [Act("a", "ma", " hà  NỘI "), Act("a", "ok"), Act("b", "hai")])!;

        Assert.True(graded.Passed);
        Assert.Equal(3, graded.Right);
    }

    [Fact]
    public void OneWrongStepFails()
    {
        var graded = PracticeGrader.Grade(Task, Draw, [Act("a", "ma", "Ha Noi"), Act("a", "ok"), Act("b", "hai")])!;

        Assert.False(graded.Passed);
        Assert.Equal([false, true, true], graded.Steps.Select(s => s.IsRight));
    }

    [Fact]
    public void AListThePageCouldNotHaveMadeIsNotGraded()
    {
        Assert.Null(PracticeGrader.Grade(Task, Draw, [Act("a", "ma", "Hà Nội"), Act("a", "ok")]));
        Assert.Null(PracticeGrader.Grade(Task, Draw, [Act("a", "ma", "Hà Nội"), Act("b", "mot"), Act("b", "hai")]));
        Assert.Null(PracticeGrader.Grade(Task, Draw, [new PracticeAction("ma", "Hà Nội"), Act("a", "ok"), Act("b", "hai")]));
        Assert.Null(PracticeGrader.Grade(Task, Draw, [Act("a", "ma", new string('x', 201)), Act("a", "ok"), Act("b", "hai")]));
    }

    private static PracticeAction Act(string screen, string element, string? value = "") => new(Draw.IdOf(screen, element), value);
}
