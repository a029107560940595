// The till's keyboard. A scanner gun is a keyboard that types a code fast and presses Enter;
// the cashier's hands stay on the keys. Keys land in the entry box natively (no round trip per
// key), and only whole commands travel to the server: Enter with the text, arrows, DEL, +/-,
// Alt+letter and F-keys. While a dialog is open ([data-modal]) the dialog owns the keyboard.
(function () {
  let target = null;      // DotNetObjectReference of the component that owns the keyboard now
  let targetToken = null; // which editor that is (see attach)
  let dialog = null;      // the open dialog that wants Enter/Esc, if any
  let typedTimer = 0;
  let queue = Promise.resolve();

  // The receipt's 打印 button: a listener here, since the Content-Security-Policy runs no inline onclick.
  document.addEventListener('click', e => { if (e.target.closest && e.target.closest('[data-print]')) window.print(); });

  // 打印小票: the receipt of the order just paid opens in its own window and prints itself (?print=1).
  const openReceipt = () => {
    const b = document.querySelector('[data-print-receipt]');
    if (b) window.open(b.dataset.printReceipt, '_blank');
    return !!b;
  };
  document.addEventListener('click', e => { if (e.target.closest && e.target.closest('[data-print-receipt]')) openReceipt(); });
  const autoPrint = () => { if (document.querySelector('[data-autoprint]')) window.print(); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoPrint); else autoPrint();

  const entry = () => document.querySelector('[data-entry]');
  const modalOpen = () => document.querySelector('[data-modal]') !== null;
  const isField = el => el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

  // Commands are sent one after another so the server sees them in the order they were typed.
  // The box is emptied at once, so the next scan can start typing while this one is looked up;
  // if the server wants the text kept (several 拼音码 matches) it comes back into an empty box.
  function send(key, text, cleared) {
    const t = target;
    if (!t) return;
    queue = queue.then(() => t.invokeMethodAsync('OnKey', key, text))
      .then(r => {
        const e = entry();
        if (!e) return;
        if (r && r.clear && !cleared) e.value = '';
        if (r && !r.clear && cleared && e.value === '') e.value = text;
      })
      .catch(err => console.error(err));
  }

  function onInput(ev) {
    if (!ev.target.matches('[data-entry]')) return;
    clearTimeout(typedTimer);
    const text = ev.target.value;
    typedTimer = setTimeout(() => {
      const t = target;
      if (t) queue = queue.then(() => t.invokeMethodAsync('OnTyped', text)).catch(err => console.error(err));
    }, 120);
  }

  function onKeyDown(ev) {
    if (modalOpen()) { keepKeysInDialog(ev); return; }
    if (ev.key === 'F8' && openReceipt()) { ev.preventDefault(); return; }
    // Only while the till's entry box is on the page: a detach can miss (a new proxy per call), and
    // after leaving the till a back-office form must keep its own Enter.
    const e = entry();
    if (!target || !e) return;
    const el = ev.target;
    const inEntry = el === e;
    const inOtherField = isField(el) && !inEntry;

    if (ev.altKey && !ev.ctrlKey && /^Key[A-Z]$/.test(ev.code)) {
      ev.preventDefault();
      send('Alt+' + ev.code.substring(3), e ? e.value : '');
      return;
    }
    if (/^F([1-9]|1[01])$/.test(ev.key) && ev.key !== 'F5') {
      ev.preventDefault();
      send(ev.key, e ? e.value : '');
      return;
    }
    if (inOtherField) {
      // A quantity field: Enter commits it (change fires on blur) and hands the keys back.
      if (ev.key === 'Enter') { ev.preventDefault(); el.blur(); if (e) e.focus(); }
      return;
    }
    const text = e ? e.value : '';
    switch (ev.key) {
      case 'Enter':
        ev.preventDefault();
        clearTimeout(typedTimer);
        if (e) e.value = '';
        send('Enter', text, true);
        return;
      case 'ArrowUp':
      case 'ArrowDown':
      case 'Escape':
        ev.preventDefault();
        send(ev.key, text);
        return;
      case 'Delete':
        // DELETE/DEL deletes the selected line; with text in the box it edits the text.
        if (text === '') { ev.preventDefault(); send('Delete', text); }
        return;
      case '+':
      case '-':
      case '/':
        // '/' switches the selected line between the box and its 拆零 unit.
        if (text === '') { ev.preventDefault(); send(ev.key, text); }
        return;
    }
    // A scan while the focus is elsewhere on the page still lands in the entry box.
    if (!inEntry && e && ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      e.focus();
      e.value += ev.key;
      e.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  // A dialog that asked for them gets Enter and Esc; a scan field ([data-scan]) is read whole on
  // Enter and sent once, like the entry box. A key typed before a field had the focus goes to it.
  function keepKeysInDialog(ev) {
    const scanField = ev.target.matches && ev.target.matches('[data-scan]');
    if (dialog && ev.key === 'Enter' && scanField) {
      ev.preventDefault();
      const value = ev.target.value;
      ev.target.value = '';
      dialog.invokeMethodAsync('OnScanned', value).catch(err => console.error(err));
      return;
    }
    if (dialog && (ev.key === 'Escape' || (ev.key === 'Enter' && !isField(ev.target)))) {
      ev.preventDefault();
      dialog.invokeMethodAsync('OnDialogKey', ev.key).catch(err => console.error(err));
      return;
    }
    if (isField(ev.target) || ev.key.length !== 1 || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const field = document.querySelector('[data-modal] input:not([disabled])');
    if (!field) return;
    ev.preventDefault();
    field.focus();
    field.value += ev.key;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  let focusWhenClosed = false;
  new MutationObserver(() => {
    if (!focusWhenClosed || modalOpen()) return;
    focusWhenClosed = false;
    const e = entry();
    if (e) e.focus();
  }).observe(document.body, { childList: true, subtree: true });

  document.addEventListener('keydown', onKeyDown, true);
  document.addEventListener('input', onInput, true);

  window.till = {
    // Each editor names itself with a token: a .NET reference arrives as a new JS object on every
    // call, so comparing references never matched and a left page's editor stayed the target.
    // data-till-ready carries the token, so a test can wait for the new page's editor.
    // The till takes the keyboard back after a dialog. The call can arrive before the render that
    // removes the dialog, or late, after the next dialog opened: the entry box then gets the focus
    // when no dialog is left, never out of a dialog's field.
    attach(dotnetRef, token) {
      target = dotnetRef; targetToken = token;
      const e = entry();
      if (e && modalOpen()) focusWhenClosed = true; else if (e) e.focus();
      document.body.dataset.tillReady = token;
    },
    detach(token) { if (targetToken === token) { target = null; targetToken = null; delete document.body.dataset.tillReady; } },
    dialogKeys(dotnetRef) { dialog = dotnetRef; },
    clearEntry() { const e = entry(); if (e) { e.value = ''; if (!modalOpen()) e.focus(); } },
    focusEntry() { const e = entry(); if (e && !modalOpen()) e.focus(); },
    // keepTyped: a scan field that already has the focus keeps it and its text, so a redraw in the
    // middle of a scanner's burst does not select what arrived and let the next digit replace it.
    focus(selector, keepTyped) {
      const el = document.querySelector(selector);
      if (!el || (keepTyped && document.activeElement === el)) return;
      el.focus();
      if (el.select) el.select();
    },
    print() { window.print(); },
    // 支付成功后自动打印小票: the receipt is fetched from the POS and printed from this page (no pop-up for a
    // browser to block, no frame), then removed. Resolves once it is in the page, so the screen can say so.
    async printReceipt(url) {
      const answer = await fetch(url, { credentials: 'same-origin' });
      if (!answer.ok) return false;
      const html = new DOMParser().parseFromString(await answer.text(), 'text/html');
      const receipt = html.querySelector('[data-testid=receipt]');
      if (!receipt) return false;
      receipt.removeAttribute('data-autoprint');
      let area = document.getElementById('print-area');
      if (!area) { area = document.createElement('div'); area.id = 'print-area'; area.dataset.testid = 'print-area'; document.body.appendChild(area); }
      area.replaceChildren(document.importNode(receipt, true));
      document.body.classList.add('printing-receipt');
      window.print();
      document.body.classList.remove('printing-receipt');
      return true;
    },
  };
})();
