/* Teaching pages, progressive enhancement only: every action here also works without it.
   - "Add option / item / pair" adds a blank row at once instead of sending the form back.
   - Picking a paragraph from the list also picks its section when only one section has it. */
(function () {
  "use strict";

  function renumber(row, list, index) {
    var pattern = new RegExp("^" + list + "-\\d+");
    row.querySelectorAll("input, select, textarea").forEach(function (field) {
      field.name = field.name.replace(pattern, list + "-" + index);
      field.id = field.id.replace(pattern, list + "-" + index);
      if (field.type === "checkbox") { field.checked = false; } else { field.value = ""; }
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("label").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(pattern, list + "-" + index);
      label.textContent = label.textContent.replace(/\d+/, String(index + 1));
    });
    row.querySelectorAll(".field-error").forEach(function (error) { error.remove(); });
    var number = row.querySelector(".num");
    if (number) { number.textContent = String(index + 1); }
  }

  function addRow(event) {
    var button = event.currentTarget;
    var list = button.getAttribute("data-add-row");
    var body = document.querySelector('table[data-rows="' + list + '"] tbody');
    var max = parseInt(button.getAttribute("data-max"), 10);
    if (!body || !body.lastElementChild) { return; }  // let the form send itself back
    event.preventDefault();
    if (body.children.length >= max) { return; }
    var row = body.lastElementChild.cloneNode(true);
    renumber(row, list, body.children.length);
    body.appendChild(row);
    button.disabled = body.children.length >= max;
    var first = row.querySelector("input");
    if (first) { first.focus(); }
  }

  function pickSection(event) {
    var input = event.currentTarget;
    var list = document.getElementById(input.getAttribute("list"));
    var section = document.getElementById("topic_id");
    if (!list || !section) { return; }
    var sections = [];
    list.querySelectorAll("option").forEach(function (option) {
      if (option.value === input.value) { sections.push(option.getAttribute("data-section")); }
    });
    if (sections.length === 1) { section.value = sections[0]; }
  }

  document.querySelectorAll("button[data-add-row]").forEach(function (button) {
    button.addEventListener("click", addRow);
  });
  document.querySelectorAll("input[list]").forEach(function (input) {
    input.addEventListener("change", pickSection);
  });
})();
