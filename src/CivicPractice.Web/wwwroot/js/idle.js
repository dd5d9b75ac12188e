// Signs the console out after 30 minutes without keyboard, mouse or touch (see IdleSignOut.razor).
(function () {
    const limitMs = 30 * 60 * 1000;
    let last = Date.now();
    ["mousemove", "keydown", "click", "touchstart", "scroll"].forEach(e => addEventListener(e, () => last = Date.now(), { passive: true }));
    setInterval(() => {
        const form = document.getElementById("idle-signout");
        if (form && Date.now() - last > limitMs) form.submit();
    }, 30000);
})();
