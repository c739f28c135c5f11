/* Wagtail's date pickers (the xdsoft datetimepicker) for Chung Tay's editors. On a PC screen
   768 px high, the schedule dialog's picker opened over the dialog's "Lưu lịch đăng" button and
   stayed open after the date was typed, so the button could not be reached; on a phone its
   month and year went above the screen. Now the picker opens above its field when below it
   would cover a button of the dialog, and stays below the screen's top edge; it closes once
   the typed value is a whole date (and time) in the field's format; and Escape closes the
   picker alone (Wagtail's dialog would otherwise close and throw the date away).
   Loaded by insert_global_admin_js (cms/core/wagtail_hooks.py). */
(() => {
  const openPicker = (element) => {
    const jQuery = window.jQuery;
    if (!jQuery || !(element instanceof HTMLInputElement)) return null;
    const picker = jQuery(element).data('xdsoft_datetimepicker');
    return picker && picker.is(':visible') ? picker : null;
  };

  const isWhole = (value, format) => {
    if (!window.DateFormatter || !format) return false;
    const formatter = new window.DateFormatter();
    const date = formatter.parseDate(value, format);
    return Boolean(date) && formatter.formatDate(date, format) === value;
  };

  const close = (input) => window.jQuery(input).datetimepicker('hide');

  const overlaps = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  const moveBy = (element, dy) => {
    const top = parseFloat(getComputedStyle(element).top) || 0;
    element.style.bottom = '';
    element.style.top = `${top + dy}px`;
  };

  // Where the picker placed itself, two corrections: above its field rather than over a
  // button of the field's dialog, when the room above is enough (a PC screen 768 px high);
  // and never above the screen's top edge, where its month and year would be out of reach
  // (a phone).
  const keepInView = (picker) => {
    const element = picker[0];
    const input = picker.data('input')?.[0];
    if (!input) return;
    const field = input.getBoundingClientRect();
    const dialog = input.closest('.w-dialog, [role="dialog"]');
    const buttons = dialog ? [...dialog.querySelectorAll('button[type="submit"]')] : [];
    let box = element.getBoundingClientRect();
    const coversAButton = buttons.some((b) => overlaps(box, b.getBoundingClientRect()));
    if (coversAButton && box.top >= field.top && field.top >= box.height + 8) {
      moveBy(element, field.top - 4 - box.bottom);
      box = element.getBoundingClientRect();
    }
    if (box.top < 0) moveBy(element, 4 - box.top);
  };

  // The pickers' own "open" handler has placed them when this one runs.
  window.jQuery?.(document).on('open.xdsoft', '.xdsoft_datetimepicker', (event) => {
    keepInView(window.jQuery(event.currentTarget));
  });

  document.addEventListener('input', (event) => {
    const picker = openPicker(event.target);
    const options = picker && picker.data('options');
    if (options && isWhole(event.target.value.trim(), options.format)) close(event.target);
  });

  // Capturing on the document runs before the dialog's own (capturing) Escape handler.
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !openPicker(event.target)) return;
      event.preventDefault();
      event.stopPropagation();
      close(event.target);
    },
    true,
  );
})();
