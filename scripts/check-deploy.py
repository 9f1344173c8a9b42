#!/usr/bin/env python3
"""Checks that docker-compose.yml, the Dockerfile and helm/ agree with the code.

The code's side comes from `budgetai config --contract` (the variables it reads, which of them are secrets, its
default HTTP port and its probe paths), so a renamed variable or path fails here until the files follow.
Helm templates are not rendered (no helm binary is assumed): template actions are replaced by placeholders and
the result must still be YAML.
    scripts/check-deploy.py --budgetai .build/debug/budgetai
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def load_yaml(path, text=None):
    try:
        with open(path) as f:
            return yaml.safe_load(text if text is not None else f.read())
    except yaml.YAMLError as error:
        failures.append(f"{os.path.relpath(path, ROOT)} is not valid YAML: {error}")
        return None


def render_template(text):
    """Drops lines that are only template control ({{- if }}, {{- end }}, {{- include ... | nindent }}),
    and replaces inline actions with a placeholder string."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("{{") and stripped.endswith("}}") and stripped.count("{{") == 1:
            continue
        lines.append(re.sub(r"\{\{.*?\}\}", "TEMPLATED", line))
    return "\n".join(lines)


def env_names(container):
    return [item["name"] for item in container.get("env", []) or []]


def secret_env_names(container):
    return [item["name"] for item in container.get("env", []) or [] if "secretKeyRef" in (item.get("valueFrom") or {})]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgetai", required=True, help="path of the built budgetai executable")
    args = parser.parse_args()
    contract = json.loads(subprocess.check_output([args.budgetai, "config", "--contract"]))
    code_env = set(contract["env"])
    secret_env = set(contract["secretEnv"])
    port = contract["defaultHTTPPort"]

    # docker-compose.yml
    compose = load_yaml(os.path.join(ROOT, "docker-compose.yml")) or {}
    services = compose.get("services", {})
    check(str(services.get("postgres", {}).get("image", "")).startswith("postgres:16"), "compose: postgres must be postgres:16")
    check(str(services.get("redis", {}).get("image", "")).startswith("redis:7"), "compose: redis must be redis:7")
    for name in ("api", "migrate"):
        service = services.get(name)
        check(service is not None, f"compose: service {name} missing")
        if not service:
            continue
        env = set((service.get("environment") or {}).keys())
        unknown = env - code_env
        check(not unknown, f"compose: {name} sets variables the code does not read: {sorted(unknown)}")
        check("DATABASE_URL" in env, f"compose: {name} needs DATABASE_URL")
    api = services.get("api", {})
    api_env = api.get("environment") or {}
    for required in ("REDIS_URL", "HTTP_HOST", "HTTP_PORT"):
        check(required in api_env, f"compose: api needs {required}")
    check(str(api_env.get("HTTP_PORT")) == str(port), f"compose: api HTTP_PORT {api_env.get('HTTP_PORT')} != code default {port}")
    check(f"{port}:{port}" in [str(p) for p in api.get("ports", [])], f"compose: api must publish {port}:{port}")
    check(api.get("command") == ["serve"], "compose: api must run `serve`")
    check(services.get("migrate", {}).get("command") == ["migrate"], "compose: migrate must run `migrate`")
    check(contract["readinessPath"] in json.dumps(api.get("healthcheck", {})), "compose: api healthcheck must use the readiness path")
    check(os.path.exists(os.path.join(ROOT, "docker", "postgres-init.sh")), "compose: docker/postgres-init.sh missing")

    # Dockerfile
    with open(os.path.join(ROOT, "Dockerfile")) as f:
        dockerfile = f.read()
    check(re.search(r"^FROM swift:", dockerfile, re.M) is not None, "Dockerfile: build stage must use the official swift image")
    check(f"EXPOSE {port}" in dockerfile, f"Dockerfile: must EXPOSE {port}")
    check(f"HTTP_PORT={port}" in dockerfile, f"Dockerfile: must set HTTP_PORT={port}")
    check("MIGRATIONS_DIR=/app/migrations" in dockerfile and "COPY migrations /app/migrations" in dockerfile,
          "Dockerfile: migrations must be copied to MIGRATIONS_DIR=/app/migrations")
    for variable in re.findall(r"^\s*([A-Z_]+)=", dockerfile, re.M):
        check(variable in code_env, f"Dockerfile: ENV {variable} is not read by the code")

    # helm/
    helm = os.path.join(ROOT, "helm")
    check(load_yaml(os.path.join(helm, "Chart.yaml")) is not None, "helm: Chart.yaml missing")
    values = load_yaml(os.path.join(helm, "values.yaml")) or {}
    check(values.get("api", {}).get("httpPort") == port, f"helm: values api.httpPort must be {port}")
    docs = {}
    for path in sorted(glob.glob(os.path.join(helm, "templates", "*.yaml"))):
        with open(path) as f:
            raw = f.read()
        doc = load_yaml(path, render_template(raw))
        if doc:
            docs[doc.get("kind")] = (doc, raw)
    for kind in ("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "Job"):
        check(kind in docs, f"helm: no {kind} template")
    if failures:
        report()
    configmap_keys = set(docs["ConfigMap"][0].get("data", {}).keys())
    check(not (configmap_keys - code_env), f"helm: ConfigMap has variables the code does not read: {sorted(configmap_keys - code_env)}")
    check(not (configmap_keys & secret_env), f"helm: secrets in the ConfigMap: {sorted(configmap_keys & secret_env)}")
    check(".Values.api.httpPort" in docs["ConfigMap"][1], "helm: ConfigMap HTTP_PORT must come from api.httpPort")

    deployment, deployment_raw = docs["Deployment"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    api_secret_env = set(secret_env_names(container))
    check(api_secret_env == secret_env, f"helm: api secret variables {sorted(api_secret_env)} != code secrets {sorted(secret_env)}")
    covered = configmap_keys | set(env_names(container))
    check(covered == code_env, f"helm: api environment {sorted(covered)} != code variables {sorted(code_env)}")
    check(container.get("livenessProbe", {}).get("httpGet", {}).get("path") == contract["livenessPath"],
          f"helm: livenessProbe path must be {contract['livenessPath']}")
    check(container.get("readinessProbe", {}).get("httpGet", {}).get("path") == contract["readinessPath"],
          f"helm: readinessProbe path must be {contract['readinessPath']}")
    check("containerPort: {{ .Values.api.httpPort }}" in deployment_raw, "helm: containerPort must be api.httpPort")
    check(container.get("args") == ["serve"], "helm: api must run `serve`")

    job, job_raw = docs["Job"]
    job_container = job["spec"]["template"]["spec"]["containers"][0]
    check(job_container.get("args") == ["migrate"], "helm: the Job must run `migrate`")
    job_env = set(env_names(job_container))
    check(not (job_env - code_env), f"helm: migrate Job sets variables the code does not read: {sorted(job_env - code_env)}")
    check("DATABASE_URL" in secret_env_names(job_container), "helm: migrate Job must take DATABASE_URL from the Secret")
    check("pre-install,pre-upgrade" in job_raw, "helm: migrate Job must be a pre-install,pre-upgrade hook")
    ingress_raw = docs["Ingress"][1]
    check("proxy-read-timeout" in json.dumps(values.get("ingress", {})) and ".Values.ingress.annotations" in ingress_raw,
          "helm: Ingress must carry the WebSocket timeouts from values")
    report()


def report():
    if failures:
        for failure in failures:
            print(f"check-deploy: {failure}", file=sys.stderr)
        sys.exit(1)
    print("check-deploy: docker-compose.yml, Dockerfile and helm/ agree with the code")
    sys.exit(0)


if __name__ == "__main__":
    main()
