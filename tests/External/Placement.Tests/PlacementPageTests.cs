using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Cli;

namespace DaemonLint.Placement.ExternalTests;

/// <summary>
/// The page of <c>daemonlint place --format html</c> in a real browser, Debian's headless Chromium: it renders (a
/// screenshot at 1400×900 shows the alerts and the coloured matrix), the key text is on screen after the scripts ran,
/// headers stay in view and never break inside a word, the filter works, nothing is fetched, and it prints to PDF.
/// Chromium is required: without it these tests fail.
/// </summary>
public sealed class PlacementPageTests : IClassFixture<PlacementPageTests.Page>
{
    private readonly Page page;

    public PlacementPageTests(Page page) => this.page = page;

    [Fact]
    public void Screenshot_ShowsTheAlertsAndTheMatrix()
    {
        var png = Path.Combine(this.page.Dir, "page.png");
        var (code, _, stderr) = Chromium.Run(this.page.Dir, $"--screenshot={png}", "--window-size=1400,900", "file://" + this.page.Html);
        Assert.True(code == 0 && File.Exists(png), "chromium did not write a screenshot:\n" + stderr);
        var image = Png.Read(png);
        Assert.Equal((1400, 900), (image.Width, image.Height));

        // Colours of the page's CSS: the red and orange alert boxes, the green "runs", the purple "Pending" and the
        // red "T" (untolerated NoExecute taint) cells. Each covers a real area of the first screen.
        var total = image.Width * image.Height;
        Assert.True(image.Count(0xfdecea) > total / 200, "the 'Runs nowhere' box is not on screen");
        Assert.True(image.Count(0xfff3e0) > total / 200, "the 'Loses nodes' box is not on screen");
        Assert.True(image.Count(0x43a047) > total / 50, "no green 'runs' cells on screen");
        Assert.True(image.Count(0xe53935) > total / 400, "no red 'T' cells on screen");
        Assert.True(image.Count(0x8e24aa) + image.Count(0xa5d6a7) > total / 400, "no Pending cells on screen");
    }

    [Fact]
    public void AfterScripts_KeyTextIsVisible_HeadersStickAndKeepWordsWhole_AndTheFilterWorks()
    {
        var probe = this.page.Probe();
        var all = string.Join(", ", probe.Select(kv => kv.Key + "=" + kv.Value));
        Assert.True("yes" == probe["ready"], "ready: " + all);
        Assert.True("visible" == probe["alert-nowhere"], "alert-nowhere: " + all);
        Assert.True("visible" == probe["alert-loses"], "alert-loses: " + all);
        Assert.True("visible" == probe["controls"], "controls: " + all);
        Assert.True("visible" == probe["first-header"], "first-header: " + all);
        Assert.True("visible" == probe["first-row"], "first-row: " + all);
        Assert.True("visible" == probe["lost-agent-named"], "lost-agent-named: " + all);
        Assert.True("0" == probe["resources-fetched"], "resources-fetched: " + all);

        // Headers: no text run between two break opportunities spans two lines; the header row stays at the top and
        // the class column at the left when the page scrolls.
        Assert.True("0" == probe["header-words-broken"], "header-words-broken: " + all);
        var scrolled = probe["scrolled"].Split(',').Select(int.Parse).ToArray();
        Assert.True(scrolled[0] > 100 && scrolled[1] > 500, "the page did not scroll (too small to test sticky headers): " + all);
        Assert.True(Math.Abs(int.Parse(probe["header-top-after-scroll"])) <= 1, "header-top-after-scroll: " + all);
        Assert.True(Math.Abs(int.Parse(probe["class-left-after-scroll"])) <= 1, "class-left-after-scroll: " + all);

        // The reason is text in the cell, on screen: the spot taint in a T cell.
        Assert.True("visible" == probe["spot-cell"], "spot-cell: " + all);

        // Filtering by a taint keeps only the spot classes; by DaemonSet hides the other columns.
        Assert.True(probe["spot-classes"] == probe["rows-after-filter"], "rows-after-filter: " + all);
        Assert.True("1" == probe["columns-after-filter"], "columns-after-filter: " + all);
        Assert.True(probe["rows-total"] == probe["rows-after-clear"], "rows-after-clear: " + all);
    }

    [Fact]
    public void WithoutScripts_TheDomHoldsTheAlertsAndReasonsAsText()
    {
        // The page without its script: what a reader with JavaScript off (or a mail client, or a crawler) gets.
        var copy = Path.Combine(this.page.Dir, "noscript.html");
        File.WriteAllText(copy, Regex.Replace(File.ReadAllText(this.page.Html), "<script>.*?</script>", string.Empty, RegexOptions.Singleline));
        var (code, dom, stderr) = Chromium.Run(this.page.Dir, "--dump-dom", "file://" + copy);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("<script", dom);
        Assert.Contains("Runs nowhere (2)", dom);
        Assert.Contains("kube-system/lost-agent", dom);
        Assert.Contains("no node qualifies; NodeSelectorMismatch zone=z9 on 300 of 300", dom);
        Assert.Contains("eligible on 240 node(s), fits none: Insufficient cpu on 240", dom);
        Assert.Contains("lifecycle=<wbr>spot:<wbr>NoExecute", dom);
        Assert.Contains("id=\"controls\" hidden=\"\"", dom);
    }

    [Fact]
    public void Page_PrintsToPdf()
    {
        var pdf = Path.Combine(this.page.Dir, "page.pdf");
        var (code, _, stderr) = Chromium.Run(this.page.Dir, $"--print-to-pdf={pdf}", "--no-pdf-header-footer", "file://" + this.page.Html);
        Assert.True(code == 0 && File.Exists(pdf), stderr);
        var bytes = File.ReadAllBytes(pdf);
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(Regex.Matches(Encoding.Latin1.GetString(bytes), @"/Type\s*/Page[^s]").Count >= 1);
        Assert.True(bytes.Length > 20_000, $"the PDF is only {bytes.Length} bytes");
    }

    /// <summary>Writes a 300-node cluster, renders its page once and probes it in the browser (1000×900, so the matrix scrolls both ways).</summary>
    public sealed class Page : IDisposable
    {
        private Dictionary<string, string>? probe;

        public Page()
        {
            this.Dir = Path.Combine(Path.GetTempPath(), "daemonlint-page-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(this.Dir);
            Cluster.Write(this.Dir);
            this.Html = Path.Combine(this.Dir, "placement.html");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Program.Run(new[] { "place", "--nodes", "nodes.yaml", "--pods", "pods.yaml", "--format", "html", "--output", this.Html, "daemonsets.yaml" }, TextReader.Null, stdout, stderr, this.Dir);
            if (code != 1 || !File.Exists(this.Html))
            {
                throw new InvalidOperationException($"place exited {code} (expected 1: two DaemonSets run nowhere):\n{stderr}");
            }
        }

        public string Dir { get; }

        public string Html { get; }

        public Dictionary<string, string> Probe()
        {
            if (this.probe is not null)
            {
                return this.probe;
            }

            // A copy of the page with a probe script after the page's own: it measures in the browser and writes the
            // results into the DOM, which --dump-dom prints.
            var copy = Path.Combine(this.Dir, "probed.html");
            File.WriteAllText(copy, File.ReadAllText(this.Html).Replace("</body>", "<script>\n" + ProbeScript + "\n</script>\n</body>"));
            var (code, dom, stderr) = Chromium.Run(this.Dir, "--dump-dom", "--virtual-time-budget=5000", "--window-size=1000,900", "file://" + copy);
            var m = Regex.Match(dom, "<pre id=\"probe\">(?<p>[^<]*)</pre>");
            if (code != 0 || !m.Success)
            {
                throw new InvalidOperationException($"chromium exited {code} without the probe's results:\n{stderr}\n{dom.Substring(0, Math.Min(2000, dom.Length))}");
            }

            this.probe = m.Groups["p"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
            return this.probe;
        }

        public void Dispose() => Directory.Delete(this.Dir, recursive: true);

        private const string ProbeScript =
            """
            (function () {
              var out = [];
              function put(k, v) { out.push(k + '=' + v); }
              function vis(el) {
                if (!el) { return 'missing'; }
                var r = el.getBoundingClientRect(), s = getComputedStyle(el);
                var on = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
                return on && s.visibility !== 'hidden' && s.display !== 'none' ? 'visible' : 'hidden';
              }
              function find(sel, text) {
                return Array.prototype.find.call(document.querySelectorAll(sel), function (e) { return e.textContent.indexOf(text) >= 0; });
              }
              put('ready', document.body.getAttribute('data-ready'));
              put('alert-nowhere', vis(find('.alert h2', 'Runs nowhere')));
              put('alert-loses', vis(find('.alert h2', 'Loses nodes')));
              put('lost-agent-named', vis(find('.alert li', 'kube-system/lost-agent')));
              put('controls', vis(document.getElementById('controls')));
              put('first-header', vis(document.querySelector('thead th.ds')));
              put('first-row', vis(document.querySelector('tbody th.cls')));
              put('spot-cell', vis(find('td.t', 'lifecycle=spot:NoExecute')));
              put('resources-fetched', performance.getEntriesByType('resource').length);

              // Every word of a header (a run without spaces between two <wbr>) must sit on one line.
              var broken = 0, walker = document.createTreeWalker(document.querySelector('thead'), NodeFilter.SHOW_TEXT);
              for (var n = walker.nextNode(); n; n = walker.nextNode()) {
                var re = /\S+/g, m;
                while ((m = re.exec(n.textContent)) !== null) {
                  var range = document.createRange();
                  range.setStart(n, m.index);
                  range.setEnd(n, m.index + m[0].length);
                  var tops = {};
                  Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) { tops[Math.round(r.top)] = 1; } });
                  if (Object.keys(tops).length > 1) { broken++; }
                }
              }
              put('header-words-broken', broken);

              // Sticky: open every class so the page is tall, scroll down and right.
              Array.prototype.forEach.call(document.querySelectorAll('tbody details'), function (d) { d.open = true; });
              window.scrollTo(600, 1500);
              put('scrolled', Math.round(window.scrollX) + ',' + Math.round(window.scrollY));
              put('header-top-after-scroll', Math.round(document.querySelector('thead th.ds').getBoundingClientRect().top));
              put('class-left-after-scroll', Math.round(document.querySelector('tbody th.cls').getBoundingClientRect().left));
              window.scrollTo(0, 0);

              var rows = Array.prototype.slice.call(document.querySelectorAll('tbody tr'));
              put('rows-total', rows.length);
              put('spot-classes', rows.filter(function (r) { return r.cells[0].textContent.indexOf('spot') >= 0; }).length);
              var q = document.getElementById('q'), qd = document.getElementById('qd');
              q.value = 'spot';
              q.dispatchEvent(new Event('input'));
              put('rows-after-filter', rows.filter(function (r) { return !r.hidden; }).length);
              qd.value = 'https-agent';
              qd.dispatchEvent(new Event('input'));
              put('columns-after-filter', Array.prototype.filter.call(document.querySelectorAll('thead th.ds'), function (h) { return getComputedStyle(h).display !== 'none'; }).length);
              q.value = '';
              qd.value = '';
              q.dispatchEvent(new Event('input'));
              put('rows-after-clear', rows.filter(function (r) { return !r.hidden; }).length);

              var pre = document.createElement('pre');
              pre.id = 'probe';
              pre.textContent = out.join('\n');
              document.body.appendChild(pre);
            })();
            """;
    }

    /// <summary>Runs Debian's headless Chromium with the flags a CI machine needs (no sandbox, GPU, network or profile).</summary>
    private static class Chromium
    {
        public static (int Code, string Stdout, string Stderr) Run(string dir, params string[] args)
        {
            var browser = Find() ?? throw new InvalidOperationException("chromium is not installed: the external suite needs Debian's chromium (apt-get install -y chromium)");
            var profile = Path.Combine(dir, "profile-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            var psi = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile }.Concat(args))
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(180_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 180 s");
            }

            return (p.ExitCode, stdout.Result, stderr.Result);
        }

        private static string? Find() =>
            new[] { "chromium", "chromium-browser" }
                .SelectMany(n => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, n)))
                .FirstOrDefault(File.Exists);
    }

    /// <summary>A 300-node cluster with the cases the page must show.</summary>
    private static class Cluster
    {
        public static void Write(string dir)
        {
            var nodes = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
            var pods = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
            for (var i = 0; i < 300; i++)
            {
                var name = $"ip-10-0-{i / 100}-{i % 100}.eu-west-1.compute.internal";
                var pool = i < 240 ? "general" : i < 280 ? "spot" : "gpu";
                var zone = "z" + (i % 6);
                var taint = pool switch
                {
                    "spot" => "[{key: lifecycle, value: spot, effect: NoExecute}]",
                    "gpu" => "[{key: nvidia.com/gpu, value: \"true\", effect: NoSchedule}]",
                    _ => "[]",
                };
                nodes.Append($"- {{apiVersion: v1, kind: Node, metadata: {{name: {name}, labels: {{pool: {pool}, zone: {zone}, kubernetes.io/hostname: {name}}}}}, spec: {{taints: {taint}}}, status: {{allocatable: {{cpu: \"4\", memory: 16Gi, pods: \"110\"}}}}}}\n");
                if (i % 20 == 1)
                {
                    pods.Append($"- {{apiVersion: v1, kind: Pod, metadata: {{name: batch-{i}, namespace: jobs}}, spec: {{nodeName: {name}, containers: [{{name: c, resources: {{requests: {{cpu: 3950m}}}}}}]}}, status: {{phase: Running}}}}\n");
                }

                if (i % 40 == 2)
                {
                    pods.Append($"- {{apiVersion: v1, kind: Pod, metadata: {{name: ingress-{i}, namespace: ingress}}, spec: {{nodeName: {name}, containers: [{{name: c, ports: [{{containerPort: 8443, hostPort: 443}}]}}]}}, status: {{phase: Running}}}}\n");
                }
            }

            File.WriteAllText(Path.Combine(dir, "nodes.yaml"), nodes.ToString());
            File.WriteAllText(Path.Combine(dir, "pods.yaml"), pods.ToString());
            var ds = new List<string>
            {
                Ds("monitoring", "node-exporter", "hostNetwork: true\ntolerations: [{operator: Exists}]", "{cpu: 100m}", "[{containerPort: 9100}]"),
                Ds("kube-system", "lost-agent", "nodeSelector: {zone: z9}", "{cpu: 10m}", null),
                Ds("kube-system", "cpu-hog", "nodeSelector: {pool: general}", "{cpu: \"8\"}", null),
                Ds("kube-system", "nvidia-device-plugin-daemonset", "nodeSelector: {pool: gpu}\ntolerations: [{key: nvidia.com/gpu, operator: Exists}]", "{cpu: 50m}", null),
                Ds("security", "https-agent", string.Empty, "{cpu: 50m}", "[{containerPort: 8443, hostPort: 443}]"),
                Ds("logging", "fluent-bit", string.Empty, "{cpu: 200m, memory: 128Mi}", null),
                Ds("observability", "opentelemetry-collector-agent", "tolerations: [{key: lifecycle, operator: Exists}]", "{cpu: 100m}", null),
            };
            for (var z = 0; z < 6; z++)
            {
                ds.Add(Ds("storage", $"zone-z{z}-csi-node-driver", $"nodeSelector: {{zone: z{z}}}", "{cpu: 20m}", null));
            }

            File.WriteAllText(Path.Combine(dir, "daemonsets.yaml"), string.Join("---\n", ds));
        }

        private static string Ds(string ns, string name, string spec, string requests, string? ports)
        {
            var sb = new StringBuilder();
            sb.Append($"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: {name}, namespace: {ns}}}\nspec:\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n");
            foreach (var line in spec.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                sb.Append("      ").Append(line).Append('\n');
            }

            sb.Append($"      containers:\n      - name: c\n        image: example/{name}:1\n        resources: {{requests: {requests}}}\n");
            if (ports is not null)
            {
                sb.Append($"        ports: {ports}\n");
            }

            return sb.ToString();
        }
    }
}
