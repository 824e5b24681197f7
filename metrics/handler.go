package metrics

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves what g gathers on /metrics as promhttp does, gzipped
// when the scraper accepts it (Prometheus does) at gzip's fastest level:
// promhttp's default level took as long as the rest of a scrape of 10,000
// keys, for a response a few per cent larger. A map that cannot be read
// fails only its own metrics, not the scrape.
func Handler(g prometheus.Gatherer) http.Handler {
	plain := promhttp.HandlerFor(g, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError, DisableCompression: true})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acceptsGzip(r) {
			plain.ServeHTTP(w, r)
			return
		}
		zw := gzipWriters.Get().(*gzip.Writer)
		defer gzipWriters.Put(zw)
		zw.Reset(w)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		plain.ServeHTTP(&gzipResponse{ResponseWriter: w, zw: zw}, r)
		zw.Close()
	})
}

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// acceptsGzip reports whether the request's Accept-Encoding lists gzip.
func acceptsGzip(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept-Encoding") {
		for _, enc := range strings.Split(h, ",") {
			name, _, _ := strings.Cut(strings.TrimSpace(enc), ";")
			if strings.EqualFold(name, "gzip") {
				return true
			}
		}
	}
	return false
}

// gzipResponse writes a response's body through a gzip writer.
type gzipResponse struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g *gzipResponse) Write(b []byte) (int, error) { return g.zw.Write(b) }

func (g *gzipResponse) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
