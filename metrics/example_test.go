package metrics_test

import (
	"fmt"
	"io"
	"os"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/metrics"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

// A session's maps as metrics of a program's own registry. A server would
// then serve the registry: http.Handle("/metrics",
// promhttp.HandlerFor(reg, promhttp.HandlerOpts{})).
func ExampleNewCollector() {
	sess := bpfscript.NewSession(bpfscript.Options{}, runtime.Options{Out: io.Discard, Quiet: true})
	defer sess.Close()
	if _, err := sess.Add(`BEGIN { @answer = 42; @hits["home"] = count(); @hits["home"] = count(); @tmp = 1; }`); err != nil {
		fmt.Println(err)
		return
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.NewCollector(sess, metrics.Options{
		Namespace: "demo",
		Rename:    map[string]string{"@hits": "page_hits"},
		Drop:      []string{"@tmp"},
	}))
	families, err := reg.Gather()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range families {
		expfmt.MetricFamilyToText(os.Stdout, f)
	}
	// Output:
	// # HELP demo_answer bpfscript map @answer: int64.
	// # TYPE demo_answer gauge
	// demo_answer 42
	// # HELP demo_page_hits_total bpfscript map @hits[string[1024]]: count().
	// # TYPE demo_page_hits_total counter
	// demo_page_hits_total{key="home"} 2
}
