// Scanning with the camera: BarcodeDetector where the browser has it, else
// the site's own copy of jsQR. Each code read goes to `onCode`.
(function () {
  "use strict";

  const App = (window.CheckinApp = window.CheckinApp || {});
  // A code read again within this time of its last sighting is the same
  // badge still held up to the camera: sent once, not again every few
  // seconds (which turned the green verdict amber and logged a scan each
  // time). Shown again after leaving the picture, it is a new scan.
  const SAME_BADGE_GAP_MS = 3000;

  App.setUpCamera = function (root, strings, onCode) {
    const cameraToggle = document.getElementById("camera-toggle");
    const cameraStatus = document.getElementById("camera-status");
    const video = document.getElementById("camera-video");
    let stream = null;
    let detector = null;
    let canvas = null;
    let lastCode = "";
    let lastSeenAt = 0;

    function loadJsQR() {
      return new Promise((resolve, reject) => {
        if (window.jsQR) return resolve(window.jsQR);
        if (!root.dataset.jsqrUrl) return reject(new Error("jsQR is not installed"));
        const script = document.createElement("script");
        script.src = root.dataset.jsqrUrl;
        script.onload = () => resolve(window.jsQR);
        script.onerror = reject;
        document.head.append(script);
      });
    }

    async function decodeFrame() {
      if (detector) {
        const codes = await detector.detect(video);
        return codes.length ? codes[0].rawValue : null;
      }
      canvas = canvas || document.createElement("canvas");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      if (!canvas.width) return null;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      return found ? found.data : null;
    }

    async function scanLoop() {
      if (!stream) return;
      try {
        const code = await decodeFrame();
        if (code) {
          const stillInView = code === lastCode && Date.now() - lastSeenAt < SAME_BADGE_GAP_MS;
          if (!stillInView) {
            lastCode = code;
            await onCode(code);
          }
          lastSeenAt = Date.now();
        }
      } catch (error) {
        /* a frame that cannot be read: try the next one */
      }
      setTimeout(() => requestAnimationFrame(scanLoop), 120);
    }

    async function startCamera() {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        cameraStatus.textContent = strings.camera_unavailable;
        return;
      }
      try {
        if ("BarcodeDetector" in window) {
          const formats = await window.BarcodeDetector.getSupportedFormats();
          if (formats.includes("qr_code")) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        }
        if (!detector) await loadJsQR();
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        lastCode = "";
      } catch (error) {
        cameraStatus.textContent = strings.camera_unavailable;
        return;
      }
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      cameraToggle.textContent = strings.camera_stop;
      cameraToggle.setAttribute("aria-pressed", "true");
      cameraStatus.textContent = strings.camera_running;
      scanLoop();
    }

    function stopCamera() {
      if (stream) stream.getTracks().forEach((track) => track.stop());
      stream = null;
      video.hidden = true;
      cameraToggle.textContent = strings.camera_start;
      cameraToggle.setAttribute("aria-pressed", "false");
      cameraStatus.textContent = "";
    }

    cameraToggle.addEventListener("click", () => (stream ? stopCamera() : startCamera()));
    return { stop: stopCamera };
  };
})();
