using System.Text.Json.Nodes;

namespace NewsCmdlets.Bench.Quality;

/// <summary>Quotes and speakers on PolNeAR: each text through `Import-NewsArticle -Content` and `Get-NewsQuote` (and
/// `-Attribution`), the rows mapped from Body back to the text's offsets, scored by quotes/score.py. Rules are written
/// from train and checked on dev.</summary>
public static class QuotesQuality
{
    public static List<QualityRow> Run(QualityContext ctx)
    {
        var rows = new List<QualityRow>();
        foreach (var (split, subset) in new[] { ("train", "train (write from)"), ("dev", "dev (check on)") })
        {
            string dir = Path.Combine(ctx.Eval, "quotes", "data", split);
            if (!File.Exists(Path.Combine(dir, "gold.json")))
            {
                rows.Add(new QualityRow { Analysis = "quotes", Dataset = "quotes/ (PolNeAR)", Subset = subset, Note = $"not measured: no {dir}/gold.json" });
                continue;
            }
            var gold = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "gold.json")))!;
            string work = ctx.Work("quotes-" + split);
            var list = new JsonObject();
            foreach (var (id, a) in gold["articles"]!.AsObject())
                list[id] = new JsonObject { ["path"] = Path.Combine(dir, "text", id + ".txt"), ["date"] = a?["date"]?.GetValue<string>() ?? "2016-01-01" };
            string listFile = Path.Combine(work, "articles.json"), raw = Path.Combine(work, "module-output.json");
            File.WriteAllText(listFile, list.ToJsonString());
            ctx.RunScript("quotes.ps1", "-Module", ctx.Module, "-ListFile", listFile, "-Out", raw);

            var pred = new JsonObject();
            int unmapped = 0;
            foreach (var (id, output) in JsonNode.Parse(File.ReadAllText(raw))!.AsObject())
            {
                string text = File.ReadAllText(Path.Combine(dir, "text", id + ".txt"));
                var rowsOut = new JsonArray();
                if (output != null)
                {
                    var map = new BodyMap(output["body"]?.GetValue<string>() ?? "", text);
                    foreach (var q in output["quotes"]!.AsArray())
                    {
                        string qt = q!["text"]?.GetValue<string>() ?? "";
                        var (s, e) = map.Span(q["offset"]!.GetValue<int>(), q["length"]!.GetValue<int>(), qt);
                        if (s < 0) { unmapped++; continue; }
                        rowsOut.Add(new JsonObject { ["text"] = qt, ["start"] = s, ["end"] = e, ["speaker"] = q["speaker"]?.GetValue<string>(), ["kind"] = q["kind"]?.GetValue<string>(), ["verb"] = q["verb"]?.GetValue<string>() });
                    }
                    foreach (var at in output["attributions"]!.AsArray())
                    {
                        string source = at!["source"]?.GetValue<string>() ?? "";
                        var (s, _) = map.Span(at["offset"]!.GetValue<int>(), source.Length, source);
                        if (s < 0) { unmapped++; continue; }
                        rowsOut.Add(new JsonObject { ["text"] = at["sentence"]?.GetValue<string>(), ["start"] = s, ["end"] = s + source.Length, ["speaker"] = source, ["kind"] = "Attribution" });
                    }
                }
                pred[id] = rowsOut;
            }
            string predFile = Path.Combine(work, "predictions.json"), report = Path.Combine(work, "report.json");
            File.WriteAllText(predFile, pred.ToJsonString());
            ctx.Score("quotes/score.py", Path.Combine(dir, "gold.json"), predFile, "--json", report);
            var r = JsonNode.Parse(File.ReadAllText(report))!;
            var S = r["summary"]!;
            var d = S["direct_R2"]!;
            var ind = S["indirect_speech_cue_R1"]!;
            double foundWithSource = d["found_with_source"]!.GetValue<double>();
            int noSpeaker = r["errors"]!.AsObject().Where(kv => kv.Key.StartsWith("found, no speaker", StringComparison.Ordinal)).Sum(kv => kv.Value!.AsArray().Count);
            var row = new QualityRow { Analysis = "quotes", Dataset = "quotes/ (PolNeAR, direct quotes)", Subset = $"{subset} ({S["articles"]} articles, {S["gold_direct"]} direct)" }
                .Add("speaker right / all gold", ExtractionQuality.D(d, "speaker_acc_over_all_gold"))
                .Add("speaker right / found", ExtractionQuality.D(d, "speaker_acc_over_found"))
                .Add("empty speaker / found", foundWithSource > 0 ? noSpeaker / foundWithSource : null)
                .Add("found", ExtractionQuality.D(d, "recall"))
                .Add("row precision", ExtractionQuality.D(S["precision"]?["ALL"], "precision"));
            if (unmapped > 0) row.Note = $"{unmapped} rows could not be placed in the text and were left out";
            row.Goals("speaker right ≥ 0.90 of all gold direct quotes, empty ≤ 0.05 of found, row precision ≥ 0.95",
                ("speaker right / all gold", '>', 0.90), ("empty speaker / found", '<', 0.05), ("row precision", '>', 0.95));
            rows.Add(row);
            var irow = new QualityRow { Analysis = "quotes", Dataset = "quotes/ (PolNeAR, indirect speech)", Subset = $"{subset} ({ind["gold"]} with a speech verb)" }
                .Add("found", ExtractionQuality.D(ind, "recall"))
                .Add("speaker right / found", ExtractionQuality.D(ind, "speaker_acc_over_found"));
            if (S["attribution_rows"] is JsonNode at2)
                irow.Add("attribution rows P", ExtractionQuality.D(at2, "precision")).Add("attribution rows R", ExtractionQuality.D(at2, "recall"));
            irow.Goals("found ≥ 0.70, speaker right ≥ 0.85 of those found", ("found", '>', 0.70), ("speaker right / found", '>', 0.85));
            rows.Add(irow);
        }
        return rows;
    }

    /// <summary>Maps offsets in an article's Body (paragraphs joined by line breaks) onto the text it was imported from,
    /// paragraph by paragraph; a paragraph that the import changed is found through the row's own words.</summary>
    private sealed class BodyMap
    {
        private readonly string _text;
        private readonly List<(int BodyStart, int Length, int TextStart)> _lines = new();

        public BodyMap(string body, string text)
        {
            _text = text;
            int cursor = 0, bodyStart = 0;
            foreach (var line in body.Split('\n'))
            {
                int at = line.Length == 0 ? -1 : text.IndexOf(line, cursor, StringComparison.Ordinal);
                _lines.Add((bodyStart, line.Length, at));
                if (at >= 0) cursor = at + line.Length;
                bodyStart += line.Length + 1;
            }
        }

        public (int Start, int End) Span(int offset, int length, string words)
        {
            foreach (var (bodyStart, len, textStart) in _lines)
            {
                if (offset < bodyStart || offset > bodyStart + len) continue;
                if (textStart >= 0) return (textStart + offset - bodyStart, Math.Min(_text.Length, textStart + offset - bodyStart + length));
                break;
            }
            if (words.Length == 0) return (-1, -1);
            // The paragraph was changed by the import (or the row runs over paragraphs): find the row's own words, or
            // their beginning.
            foreach (int n in new[] { words.Length, Math.Min(words.Length, 40), Math.Min(words.Length, 15) })
            {
                int i = _text.IndexOf(words[..n], StringComparison.Ordinal);
                if (i >= 0) return (Math.Max(0, i - 1), Math.Min(_text.Length, i + length));
            }
            return (-1, -1);
        }
    }
}
