/* The printable report's Print button. report.html carries this script in
   itself (it loads nothing from outside the file); the button is hidden
   until the script shows it, so without scripts the page says how to print
   from the browser's menu instead. */
(function () {
  "use strict";
  var button = document.getElementById("print-report");
  if (!button) { return; }
  button.addEventListener("click", function () { window.print(); });
  button.hidden = false;
})();
