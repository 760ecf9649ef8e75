using System.Runtime.CompilerServices;
using CdsLearn.Web.Tests.Infrastructure;

// These two shadow xunit's attributes for every test in the shared sources: name lookup finds a type in an enclosing
// namespace (CdsLearn.Web.Tests) before one brought in by 'using Xunit'. They only add the skip when no PostgreSQL
// server is configured, so the shared test files stay untouched.
namespace CdsLearn.Web.Tests;

public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = TestDatabase.SkipReason;
}

public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = TestDatabase.SkipReason;
}
