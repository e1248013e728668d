// Starts the engine as early as possible. index.html and embed.html load this classic script first in their
// <head>, before any stylesheet, so it runs as soon as the HTML's first bytes are parsed: a module script
// (even `async`) ran only after the page's first layout, 200-400 ms later on a 2-core machine.
// - The WebAssembly module's download starts first, compiled while it downloads (compileStreaming; the server
//   sends an ETag, so that a return visit revalidates instead of downloading). V8 can keep the optimized code
//   beside the HTTP cache entry, but with Chromium 156's default flags it never writes it for this page (no
//   v8.wasm.compiledModule event in a trace after 25 s of training, or after a 6 s pause, with the module
//   compiled here or in the worker); with --js-flags=--wasm-caching-timeout-ms=0 it does, and a return visit
//   uses it (traced on 2026-12-07). So a return visit saves the download, not the compilation;
// - the worker starts meanwhile (one bundled script) and gets the compiled module as its first message (the
//   URL's `module=posted` tells it to wait for one rather than compile its own);
// - the page's first text (boot.firstText) downloads beside the module: {type: 'engine-text', url} tells the
//   worker now, before the page sends any request, that it comes; {type: 'engine-text', url, bytes} brings
//   it (bytes null when the download failed: the page's 'corpus-load' then fetches it and says why it fails).
// - the renderer's first number formatting is done here too, in a task of its own: toLocaleString loads ICU's
//   number formatting the first time (80-116 ms in Chromium 156 on a 2-core machine, 2026-12-07 traces), and
//   the figures the engine's first answers bring need it. Here it runs while the page waits for its
//   stylesheets and scripts; in web/js/first-use-warmup.js, after the first frame, it delayed the first
//   trained step's message in a traced cold load.
// web/js/main.js hands the worker (globalThis.seqlabBoot) to its EngineClient and loads boot.firstText. A
// worker the client starts later (after a failure) compiles the module and fetches the text itself.
(() => {
  const here = document.currentScript.src;
  const boot = {
    worker: new Worker(new URL('./worker/worker.bundle.js?module=posted', here), { type: 'module' }),
    /** A failure of the worker before the EngineClient took it over (the client then starts a new one). */
    failure: null,
    /** The text the page opens with. */
    firstText: { url: new URL('../assets/timemachine.txt', here).href, name: 'The Time Machine' },
  };
  boot.worker.onerror = (event) => { boot.failure = event.message || 'the engine worker failed to start'; };
  // The module goes to the worker when compiled; on failure the worker loads it itself (and reports the error).
  WebAssembly.compileStreaming(fetch(new URL('../engine/seqlab_core.wasm', here))).then(
    (module) => boot.worker.postMessage({ type: 'engine-module', module }),
    () => boot.worker.postMessage({ type: 'engine-module', module: null }));
  const { url } = boot.firstText;
  boot.worker.postMessage({ type: 'engine-text', url });
  fetch(url).then((response) => (response.ok ? response.arrayBuffer() : null)).catch(() => null).then(
    (bytes) => boot.worker.postMessage({ type: 'engine-text', url, bytes }, bytes ? [bytes] : []));
  globalThis.seqlabBoot = boot;
  setTimeout(() => (1234.5).toLocaleString('en'));   // the first number formatting (above)
})();
