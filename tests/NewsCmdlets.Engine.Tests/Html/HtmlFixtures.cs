namespace NewsCmdlets.Engine.Tests.Html;

/// <summary>Invented pages: "The Harbour Courier" reports a ferry strike in the invented town of Westmere.</summary>
internal static class HtmlFixtures
{
    public const string P1 = "Ferry crews in Westmere walked off the job on Tuesday morning, leaving hundreds of commuters stranded on the wrong side of the harbour as talks over rosters collapsed.";
    public const string P2 = "The union said its members had worked unpaid overtime for most of the winter, and that the operator had ignored three letters asking for a meeting before the timetable changed.";
    public const string P3 = "Harbourmaster Ilse Brandvold said the water taxis would run an extra service every half hour, although she warned that fares on the smaller boats could not be capped by the council.";
    public const string P4 = "Shop owners along the quay reported a quiet morning, with several saying their staff had been unable to cross from the northern suburbs at all.";
    public const string P5 = "Negotiations are expected to resume on Thursday at the council chambers, where a mediator from the regional labour office has agreed to chair the meeting.";

    public static readonly string[] Story = { P1, P2, P3, P4, P5 };

    /// <summary>A full page: head metadata, site navigation, the story, a related-stories aside, share and newsletter widgets, a footer.</summary>
    public static string Page(string head = "", string beforeStory = "", string storyExtra = "", string bylineHtml = "<p class=\"byline\">By Mereana Tait</p>")
    {
        return $$"""
            <!DOCTYPE html>
            <html lang="en-NZ">
            <head>
              <meta charset="utf-8">
              <title>Ferry strike strands Westmere commuters | The Harbour Courier</title>
              {{head}}
            </head>
            <body>
              <header class="site-header">
                <nav class="main-nav"><ul>
                  <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
                  <li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li>
                </ul></nav>
              </header>
              <main>
                <article>
                  <h1>Ferry strike strands Westmere commuters</h1>
                  {{bylineHtml}}
                  {{beforeStory}}
                  <div class="article-body">
                    <p>{{P1}}</p>
                    <div class="share-tools"><a href="/share/fb">Share on Facebook</a> <a href="/share/x">Share on X</a> <a href="/share/mail">Email</a></div>
                    <p>{{P2}}</p>
                    <p>{{P3}}</p>
                    {{storyExtra}}
                    <p>{{P4}}</p>
                    <div class="newsletter-signup"><p>Get the Courier morning briefing in your inbox every weekday.</p><a href="/subscribe">Sign up</a></div>
                    <p>{{P5}}</p>
                  </div>
                </article>
                <aside class="related-stories">
                  <h2>Related stories</h2>
                  <ul>
                    <li><a href="/a">Council votes on new harbour levy</a></li>
                    <li><a href="/b">Water taxi operator expands fleet</a></li>
                    <li><a href="/c">Quay redevelopment delayed again</a></li>
                  </ul>
                </aside>
              </main>
              <footer class="site-footer"><p>© 2024 The Harbour Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
            </body>
            </html>
            """;
    }
}
