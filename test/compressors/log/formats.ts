// Synthetic samples of formats this machine cannot produce (no docker, kubectl, go or java here), written after the
// tools' real output shapes. Each returns the text and the lines a reader must still see.

export interface Sample {
  text: string;
  mustKeep: string[];
}

export function dockerBuildKit(): Sample {
  const out = [
    '#0 building with "default" instance using docker driver',
    '',
    '#1 [internal] load build definition from Dockerfile',
    '#1 transferring dockerfile: 512B done',
    '#1 DONE 0.0s',
    '#5 [2/5] WORKDIR /app',
    '#5 DONE 0.1s',
    '#6 [3/5] COPY package*.json ./',
    '#6 DONE 0.0s',
    '#7 [4/5] RUN npm ci',
  ];
  for (let i = 0; i < 150; i++)
    out.push(
      `#7 ${(0.4 + i * 0.05).toFixed(3)} npm http fetch GET 200 https://registry.npmjs.org/pkg-${i} ${10 + (i % 40)}ms`,
    );
  out.push(
    '#7 8.120 npm error code ENOTFOUND',
    '#7 8.121 npm error network request to https://registry.npmjs.org/left-pad failed, reason: getaddrinfo ENOTFOUND',
    '#7 ERROR: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
    '------',
    ' > [4/5] RUN npm ci:',
    '------',
    'Dockerfile:4',
    'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
  );
  return {
    text: out.join('\n'),
    mustKeep: [
      '#7 [4/5] RUN npm ci',
      '#7 8.120 npm error code ENOTFOUND',
      '#7 ERROR: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
      'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
    ],
  };
}

export function dockerClassic(): Sample {
  const out = [
    'Sending build context to Docker daemon  2.048kB',
    'Step 1/4 : FROM python:3.12-slim',
    ' ---> 1a2b3c4d5e6f',
    'Step 2/4 : RUN pip install -r requirements.txt',
    ' ---> Running in 0f9e8d7c6b5a',
  ];
  for (let i = 0; i < 120; i++)
    out.push(`Collecting package${i}==1.${i}.0`, `  Downloading package${i}-1.${i}.0-py3-none-any.whl (${20 + i} kB)`);
  out.push(
    'ERROR: Could not find a version that satisfies the requirement torch==9.9.9 (from versions: 2.0.0, 2.1.0)',
    'ERROR: No matching distribution found for torch==9.9.9',
    "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1",
  );
  return {
    text: out.join('\n'),
    mustKeep: [
      'Step 2/4 : RUN pip install -r requirements.txt',
      'ERROR: No matching distribution found for torch==9.9.9',
      "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1",
    ],
  };
}

export function kubectlEvents(): Sample {
  const out = ['LAST SEEN   TYPE      REASON              OBJECT                          MESSAGE'];
  // pod names as Kubernetes makes them: a replica-set hash and a 5-character suffix from a vowel-free alphabet
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const suffix = (i: number): string =>
    Array.from({ length: 5 }, (_, k) => alphabet[(i * 7 + k * 13 + ((i * k) % 5)) % alphabet.length]).join('');
  for (let i = 0; i < 200; i++)
    out.push(
      `${(i % 59) + 1}m         Normal    Pulled              pod/web-7c9f8b6d5d-${suffix(i)}   Container image ` +
        `"web:1.4.${i % 7}" already present on machine`,
    );
  out.push(
    '2m          Warning   BackOff             pod/api-5f6d8-x2x9z             Back-off restarting failed ' +
      'container api in pod api-5f6d8-x2x9z_default(3b1c2d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d)',
    '1m          Warning   FailedScheduling    pod/worker-0                    0/3 nodes are available: 3 ' +
      'Insufficient memory.',
  );
  for (let i = 0; i < 20; i++)
    out.push(
      `${i + 1}s          Normal    Scheduled           pod/web-7d4b9c-z${i}     Successfully assigned ` +
        `default/web-7d4b9c-z${i} to node-${i % 3}`,
    );
  return {
    text: out.join('\n'),
    mustKeep: [out[201], out[202]],
  };
}

export function goTest(): Sample {
  const out: string[] = [];
  for (let i = 0; i < 80; i++) out.push(`=== RUN   TestParse/case_${i}`, `--- PASS: TestParse/case_${i} (0.00s)`);
  out.push(
    '=== RUN   TestServe',
    '    server_test.go:42: expected status 200, got 503',
    '    server_test.go:43: body: "upstream unavailable"',
    '--- FAIL: TestServe (0.12s)',
    'FAIL',
    'FAIL\texample.com/app/server\t0.342s',
    'ok  \texample.com/app/parse\t0.021s',
    'FAIL',
  );
  return {
    text: out.join('\n'),
    mustKeep: [
      '    server_test.go:42: expected status 200, got 503',
      '    server_test.go:43: body: "upstream unavailable"',
      '--- FAIL: TestServe (0.12s)',
      'FAIL\texample.com/app/server\t0.342s',
      'ok  \texample.com/app/parse\t0.021s',
    ],
  };
}

export function javaTrace(): Sample {
  const info = (i: number): string =>
    `2025-05-02 11:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')} INFO  ` +
    `[http-nio-8080-exec-${i % 10}] c.e.app.Controller : handled GET /orders/${i} in ${5 + (i % 30)} ms`;
  const out: string[] = [];
  for (let i = 0; i < 150; i++) out.push(info(i));
  const trace = [
    '2025-05-02 11:02:31.004 ERROR [http-nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet] : ' +
      'Servlet.service() threw exception',
    'java.lang.IllegalStateException: order 42 has no customer',
    '\tat com.example.app.OrderService.price(OrderService.java:88)',
    '\tat com.example.app.Controller.get(Controller.java:31)',
    '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
    '\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)',
    'Caused by: java.lang.NullPointerException: Cannot invoke "Customer.getTier()" because "c" is null',
    '\tat com.example.app.Pricing.tier(Pricing.java:12)',
    '\tat com.example.app.OrderService.price(OrderService.java:86)',
    '\t... 52 more',
  ];
  out.push(...trace);
  for (let i = 150; i < 300; i++) out.push(info(i));
  return { text: out.join('\n'), mustKeep: trace };
}

export function goPanic(): Sample {
  const out: string[] = [];
  for (let i = 0; i < 120; i++)
    out.push(
      `2025/05/02 11:00:${String(i % 60).padStart(2, '0')} worker ${i % 4}: processed batch ${i} (${100 + i} items)`,
    );
  const panic = [
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b3c]',
    '',
    'goroutine 17 [running]:',
    'main.(*Worker).flush(0x0)',
    '\t/src/app/worker.go:88 +0x1c',
    'main.(*Worker).Run(0xc000012345)',
    '\t/src/app/worker.go:54 +0x85',
    'created by main.main in goroutine 1',
    '\t/src/app/main.go:23 +0x12f',
    'exit status 2',
  ];
  out.push(...panic);
  return { text: out.join('\n'), mustKeep: panic.filter((l) => l !== '') };
}

export function jestRun(): Sample {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) out.push(`PASS src/feature${i}.test.ts (${(1 + (i % 9) / 10).toFixed(1)} s)`);
  const failure = [
    'FAIL src/cart.test.ts',
    '  ● cart › applies the discount',
    '',
    '    expect(received).toBe(expected) // Object.is equality',
    '',
    '    Expected: 90',
    '    Received: 100',
    '',
    '      12 |   const cart = makeCart([item(100)]);',
    '      13 |   cart.apply(discount(10));',
    '    > 14 |   expect(cart.total()).toBe(90);',
    '         |                        ^',
    '      15 | });',
    '',
    '      at Object.<anonymous> (src/cart.test.ts:14:24)',
  ];
  out.push(
    ...failure,
    '',
    'Test Suites: 1 failed, 60 passed, 61 total',
    'Tests:       1 failed, 212 passed, 213 total',
    'Snapshots:   0 total',
    'Time:        9.412 s',
  );
  return {
    text: out.join('\n'),
    mustKeep: [
      ...failure.filter((l) => l !== ''),
      'Test Suites: 1 failed, 60 passed, 61 total',
      'Tests:       1 failed, 212 passed, 213 total',
    ],
  };
}

export function npmAudit(): Sample {
  const out = ['# npm audit report', ''];
  for (let i = 0; i < 40; i++) {
    out.push(
      `pkg-${i}  <1.${i}.0`,
      'Severity: moderate',
      `Prototype pollution in pkg-${i} - https://github.com/advisories/GHSA-${(4096 + i).toString(16)}-abcd-efgh`,
      'fix available via `npm audit fix`',
      `node_modules/pkg-${i}`,
      '',
    );
  }
  out.push('40 moderate severity vulnerabilities', '', 'To address all issues, run:', '  npm audit fix');
  return { text: out.join('\n'), mustKeep: ['40 moderate severity vulnerabilities', '# npm audit report'] };
}

export function syslog(): Sample {
  const out: string[] = [];
  for (let i = 0; i < 300; i++) {
    const s = String(i % 60).padStart(2, '0');
    out.push(
      `Mar  3 14:${String(Math.floor(i / 60)).padStart(2, '0')}:${s} web01 CRON[${20000 + i}]: (root) CMD ` +
        `(/usr/local/bin/healthcheck --quiet)`,
    );
  }
  const oom =
    'Mar  3 14:03:17 web01 kernel: [812345.678901] Out of memory: Killed process 4242 (node) total-vm:2048000kB';
  out.splice(197, 0, oom);
  return { text: out.join('\n'), mustKeep: [oom] };
}
