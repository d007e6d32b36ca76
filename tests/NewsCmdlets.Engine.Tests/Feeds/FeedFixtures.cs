using System.Text;
using NewsCmdlets.Engine.Ingest.Feeds;

namespace NewsCmdlets.Engine.Tests.Feeds;

/// <summary>Feeds we write, about invented outlets and places.</summary>
internal static class FeedFixtures
{
    public static ParsedFeed Parse(string text, string source = "test.xml", Uri? documentUri = null, long max = FeedReadOptions.DefaultMaximumBytes) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(text), source, documentUri, new FeedReadOptions { MaximumBytes = max });

    public const string Rss20 = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
          <channel>
            <title>The Harbour Courier</title>
            <link>https://harbourcourier.example/</link>
            <description>News from Westmere and the islands</description>
            <language>en-gb</language>
            <atom:link href="https://harbourcourier.example/feed.xml" rel="self" type="application/rss+xml"/>
            <item>
              <title>Westmere ferry crews walk out, stranding island commuters</title>
              <link>/news/2026/03/14/ferry-strike</link>
              <guid isPermaLink="false">hc-1001</guid>
              <pubDate>Sat, 14 Mar 2026 07:45:00 +0000</pubDate>
              <dc:creator>Ines Marr</dc:creator>
              <category>Transport</category>
              <category>Westmere</category>
              <description><![CDATA[<p>Ferry crews on the Westmere&ndash;Carrow Island route <b>walked out</b> at dawn.</p>]]></description>
              <content:encoded><![CDATA[<p>Ferry crews on the route between Westmere and Carrow Island walked out at dawn on Saturday, stranding hundreds of commuters on the quay.</p><p>The Maritime Workers' Guild said the strike would last until Brightwater Lines improved its pay offer.</p><p>The regional council arranged two water taxis for patients who need hospital care on the mainland.</p>]]></content:encoded>
              <enclosure url="/audio/ferry-strike.mp3" length="123456" type="audio/mpeg"/>
              <media:content url="https://img.harbourcourier.example/ferry.jpg" medium="image"/>
              <media:thumbnail url="https://img.harbourcourier.example/ferry-small.jpg"/>
            </item>
            <item>
              <title>Harbour festival plans unveiled</title>
              <link>https://harbourcourier.example/news/2026/03/13/festival</link>
              <guid>https://harbourcourier.example/?p=1000</guid>
              <pubDate>Fri, 13 Mar 2026 18:00:00 GMT</pubDate>
              <author>desk@harbourcourier.example (Tomas Reyne)</author>
              <description>The summer festival returns to the quay in July.</description>
            </item>
          </channel>
        </rss>
        """;

    public const string Rss091 = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="0.91">
          <channel>
            <title>Lakeside Daily</title>
            <link>https://lakesidedaily.example/</link>
            <description>Lakeside Daily headlines</description>
            <language>en-us</language>
            <item>
              <title>Ferry strike strands Carrow Island residents</title>
              <link>https://lakesidedaily.example/2026/03/14/ferry</link>
              <description>Residents of Carrow Island were cut off on Saturday.</description>
            </item>
          </channel>
        </rss>
        """;

    public const string Rss10 = """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel rdf:about="https://valleypost.example/rss">
            <title>Valley Evening Post</title>
            <link>https://valleypost.example/</link>
            <description>Evening news</description>
            <dc:language>en</dc:language>
            <items><rdf:Seq><rdf:li resource="https://valleypost.example/island-cut-off"/></rdf:Seq></items>
          </channel>
          <item rdf:about="https://valleypost.example/island-cut-off">
            <title>Island cut off as ferry workers strike over pay</title>
            <link>https://valleypost.example/island-cut-off</link>
            <description>Carrow Island was cut off on Saturday.</description>
            <dc:creator>Jonah Pike; Northsea Press Agency</dc:creator>
            <dc:date>2026-03-14T09:10:00+01:00</dc:date>
            <dc:subject>Islands</dc:subject>
            <content:encoded>&lt;p&gt;Carrow Island was cut off on Saturday as ferry workers struck over pay.&lt;/p&gt;</content:encoded>
          </item>
        </rdf:RDF>
        """;

    public const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://metroledger.example/">
          <title type="text">The Metro Ledger</title>
          <link rel="alternate" type="text/html" href="/"/>
          <link rel="self" href="/feeds/atom.xml"/>
          <id>tag:metroledger.example,2026:feed</id>
          <updated>2026-03-15T10:00:00Z</updated>
          <author><name>Metro Ledger Opinion Desk</name></author>
          <entry>
            <title type="html">The strike that shows how &lt;em&gt;fragile&lt;/em&gt; island life has become</title>
            <link rel="alternate" type="text/html" href="opinion/2026/03/15/fragile-island"/>
            <link rel="enclosure" type="image/jpeg" href="https://img.metroledger.example/quay.jpg"/>
            <id>tag:metroledger.example,2026:opinion-77</id>
            <published>2026-03-15T06:00:00+00:00</published>
            <updated>2026-03-15T09:30:00+00:00</updated>
            <author><name>Priya Hollis</name></author>
            <category term="opinion" label="Opinion"/>
            <summary>Two days without a ferry show how thin the island's margins are.</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Two days without a ferry have shown how thin the margins of island life are.</p><p>Shops ran short of bread by Sunday.</p></div></content>
          </entry>
          <entry xml:base="https://metroledger.example/letters/">
            <title>Letters: the ferry</title>
            <link href="2026/03/15/letters"/>
            <id>tag:metroledger.example,2026:letters-12</id>
            <updated>2026-03-15T08:00:00Z</updated>
            <content type="text">Readers write about the ferry strike.</content>
          </entry>
        </feed>
        """;

    public const string JsonFeed = """
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": "The Island Gazette",
          "home_page_url": "https://islandgazette.example/",
          "feed_url": "https://islandgazette.example/feed.json",
          "language": "en-GB",
          "authors": [{ "name": "Gazette Staff" }],
          "items": [
            {
              "id": "ig-2026-0315",
              "url": "https://islandgazette.example/news/2026/03/15/ferry-strike-second-day",
              "title": "Second day without a ferry",
              "content_html": "<p>For the second morning running, the quay at Carrow Island was empty.</p>",
              "summary": "Carrow Island counts the cost.",
              "date_published": "2026-03-15T08:30:00Z",
              "date_modified": "2026-03-15T11:00:00Z",
              "authors": [{ "name": "Fenna Holloway" }],
              "tags": ["ferry", "strike"],
              "image": "https://islandgazette.example/img/quay.jpg",
              "attachments": [{ "url": "https://islandgazette.example/audio/quay.mp3", "mime_type": "audio/mpeg" }]
            },
            {
              "id": 42,
              "url": "/news/2026/03/14/ferry-strike",
              "title": "Ferry strike begins",
              "content_text": "Crews walked out at dawn.\nThe island is cut off.",
              "date_published": "yesterday"
            },
            "not an item"
          ]
        }
        """;
}
