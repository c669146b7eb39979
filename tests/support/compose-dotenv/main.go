// Reads env files the way `docker compose --env-file` does, with Compose's own parser, so the
// tests can check what Compose makes of the rendered openmetadata_keycloak.env.
//
// Batch mode, to keep property tests fast: stdin is a JSON array of env file contents, stdout a
// JSON array with, for each file, {"values": {KEY: value}} or {"error": "..."}.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
)

type parsedEnvFile struct {
	Values map[string]string `json:"values,omitempty"`
	Error  string            `json:"error,omitempty"`
}

// As if the shell running `docker compose` set no variables: `$VAR` in a value is interpolated
// from earlier lines of the file only, as Compose does, and otherwise becomes empty.
func notInShellEnvironment(string) (string, bool) { return "", false }

func main() {
	var files []string
	if err := json.NewDecoder(os.Stdin).Decode(&files); err != nil {
		fmt.Fprintln(os.Stderr, "compose-dotenv: stdin must be a JSON array of strings:", err)
		os.Exit(2)
	}
	parsed := make([]parsedEnvFile, len(files))
	for i, file := range files {
		values, err := dotenv.ParseWithLookup(strings.NewReader(file), notInShellEnvironment)
		if err != nil {
			parsed[i] = parsedEnvFile{Error: err.Error()}
		} else {
			parsed[i] = parsedEnvFile{Values: values}
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(parsed); err != nil {
		fmt.Fprintln(os.Stderr, "compose-dotenv:", err)
		os.Exit(1)
	}
}
