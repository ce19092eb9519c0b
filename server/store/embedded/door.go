package embedded

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// The credentials of the embedded store's door for other processes, in
// its data folder: FerretDB 1.24 embedded on SQLite checks no passwords,
// so the door is TLS that demands a client certificate (as FerretDB's own
// TLS listener does when given a CA). Whoever can read the key file, 0600
// like the store's files, may connect; any other local process is refused
// before a byte reaches the store. One self-signed certificate, for
// 127.0.0.1, ::1 and localhost, serves both ends.
const (
	certFile = "door.crt" // the certificate: the CA both ends trust
	keyFile  = "door.pem" // the certificate and its key: the credential
)

// doorTLS loads the door's certificate from dir, creating it on first use.
func doorTLS(dir string) (*tls.Config, error) {
	crt, pemFile := filepath.Join(dir, certFile), filepath.Join(dir, keyFile)
	if _, err := os.Stat(pemFile); errors.Is(err, os.ErrNotExist) {
		if err := makeDoorCert(crt, pemFile); err != nil {
			return nil, fmt.Errorf("store: making the embedded store's credentials: %w", err)
		}
	}
	cert, err := tls.LoadX509KeyPair(pemFile, pemFile)
	if err != nil {
		return nil, fmt.Errorf("store: the embedded store's credentials %s: %w", pemFile, err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pool,
		MinVersion:   tls.VersionTLS13,
	}, nil
}

func makeDoorCert(crt, pemFile string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "console embedded store"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().AddDate(20, 0, 0),
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	if err := os.WriteFile(crt, certPEM, 0o600); err != nil {
		return err
	}
	return os.WriteFile(pemFile, append(certPEM, keyPEM...), 0o600)
}

// doorURI is the MONGODB_URI of another process that reaches the store at
// addr with the credentials in dir.
func doorURI(addr, dir string) string {
	q := url.Values{
		"tls":                   {"true"},
		"tlsCAFile":             {filepath.Join(dir, certFile)},
		"tlsCertificateKeyFile": {filepath.Join(dir, keyFile)},
	}
	return "mongodb://" + addr + "/?" + q.Encode()
}
