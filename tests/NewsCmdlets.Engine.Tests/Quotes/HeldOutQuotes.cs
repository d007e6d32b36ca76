namespace NewsCmdlets.Engine.Tests.Quotes;

/// <summary>
/// Held-out articles (invented people and outlets), written before the extractor was tuned and never used to tune it:
/// every direct quote with the speaker a reader would name. The test asserts the bar (9 in 10).
/// </summary>
internal static class HeldOutQuotes
{
    public static readonly (string Text, string[] Speakers)[] Cases =
    {
        ("Harbour officials in Pellam closed the east pier on Tuesday. \u201cThe timbers are rotten,\u201d said Orla Venn, the port's chief engineer. \u201cWe cannot let anyone walk on them.\u201d",
            new[] { "Orla Venn", "Orla Venn" }),
        ("Dario Lusk, a professor of economics at Tamsin University, said prices would keep rising.\n\n\u201cThe shortage is structural, not seasonal,\u201d he told the Kestrel Gazette.",
            new[] { "Dario Lusk" }),
        ("The Ministry of Waterways said in a statement: \u201cRepairs will begin next month and finish before winter.\u201d",
            new[] { "Ministry of Waterways" }),
        ("Mayor Ines Farrow defended the budget. \u201cEvery pound is accounted for,\u201d Farrow said. Her rival, Caspar Hale, disagreed. \u201cThis is a fantasy budget,\u201d Hale told reporters.",
            new[] { "Ines Farrow", "Caspar Hale" }),
        ("\"We were never told,\" said Wendell Osei, who runs a bakery on the quay.",
            new[] { "Wendell Osei" }),
        ("Priya Nandakumar, the union's negotiator, wrote to members on Friday. \u201cWe will not accept less than we were promised. The vote is on Monday.\u201d",
            new[] { "Priya Nandakumar" }),
        ("The Corvale Rail Company said trains would run again on Sunday. \u201cWe apologise to every passenger,\u201d the company added.",
            new[] { "Corvale Rail Company" }),
        ("Tobias Grell, an analyst at the Linden Policy Forum, expects more strikes. \u201cThe mood has changed,\u201d the analyst said. \u201cPeople are angry.\u201d",
            new[] { "Tobias Grell", "Tobias Grell" }),
        ("\u201cIt was chaos,\u201d said Mina Sorel, 34, a nurse. Her neighbour, Aldo Brandt, said he saw the fire from his window.",
            new[] { "Mina Sorel" }),
        ("Asked about the delay, Health Secretary Rhona Callis said: \u201cWe are doing everything we can.\u201d",
            new[] { "Rhona Callis" }),
        ("Fenwick Ormand stated that the plan was sound. \u201cI stand by every figure in it,\u201d Ormand added.",
            new[] { "Fenwick Ormand" }),
    };
}
