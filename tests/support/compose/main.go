// Reads what `docker compose` reads, with Compose's own code (compose-go), for the tests: an env file
// as `--env-file` reads it, and the environment a service gets from compose files and env files.
//
// It answers one request per line of stdin with one line of stdout, so a test keeps one process for
// thousands of cases. Requests (JSON):
//
//	{"dotenv": "<env file content>"}
//	  → {"values": {KEY: value}} or {"error": "..."}: as if the shell running Compose set no variables
//	{"project": {"<file name>": "<content>", ...}, "composeFiles": [...], "envFiles": [...], "service": "<name>"}
//	  → {"environment": {KEY: value}} or {"error": "..."}: the files are written to a fresh folder, then
//	    loaded as `docker compose -f <composeFiles...> [--env-file <envFiles...>] config` would load them
//	    (no --env-file: Compose reads .env from that folder, if the project has one)
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
)

type request struct {
	Dotenv       *string           `json:"dotenv,omitempty"`
	Project      map[string]string `json:"project,omitempty"`
	ComposeFiles []string          `json:"composeFiles,omitempty"`
	EnvFiles     []string          `json:"envFiles,omitempty"`
	Service      string            `json:"service,omitempty"`
}

type answer struct {
	Values      map[string]string `json:"values,omitempty"`
	Environment map[string]string `json:"environment,omitempty"`
	Error       string            `json:"error,omitempty"`
}

// As if the shell running `docker compose` set no variables: `$VAR` in a value is interpolated
// from earlier lines of the file only, as Compose does, and otherwise becomes empty.
func notInShellEnvironment(string) (string, bool) { return "", false }

func readDotenv(content string) answer {
	values, err := dotenv.ParseWithLookup(strings.NewReader(content), notInShellEnvironment)
	if err != nil {
		return answer{Error: err.Error()}
	}
	return answer{Values: values}
}

func serviceEnvironment(req request) answer {
	dir, err := os.MkdirTemp("", "compose-project-")
	if err != nil {
		return answer{Error: err.Error()}
	}
	defer os.RemoveAll(dir)
	for name, content := range req.Project {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			return answer{Error: err.Error()}
		}
	}
	paths := func(names []string) []string {
		out := make([]string, len(names))
		for i, name := range names {
			out[i] = filepath.Join(dir, name)
		}
		return out
	}
	options, err := cli.NewProjectOptions(
		paths(req.ComposeFiles),
		cli.WithName("openmetadata"),
		cli.WithWorkingDirectory(dir),
		cli.WithEnvFiles(paths(req.EnvFiles)...),
		cli.WithDotEnv,
	)
	if err != nil {
		return answer{Error: err.Error()}
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return answer{Error: err.Error()}
	}
	service, ok := project.Services[req.Service]
	if !ok {
		return answer{Error: fmt.Sprintf("no service %q", req.Service)}
	}
	environment := map[string]string{}
	for key, value := range service.Environment {
		if value != nil {
			environment[key] = *value
		}
	}
	return answer{Environment: environment}
}

func main() {
	input := bufio.NewScanner(os.Stdin)
	input.Buffer(make([]byte, 1<<20), 1<<26)
	output := json.NewEncoder(os.Stdout)
	for input.Scan() {
		var req request
		var reply answer
		if err := json.Unmarshal(input.Bytes(), &req); err != nil {
			reply = answer{Error: "not a request: " + err.Error()}
		} else if req.Dotenv != nil {
			reply = readDotenv(*req.Dotenv)
		} else {
			reply = serviceEnvironment(req)
		}
		if err := output.Encode(reply); err != nil {
			fmt.Fprintln(os.Stderr, "compose reader:", err)
			os.Exit(1)
		}
	}
}
