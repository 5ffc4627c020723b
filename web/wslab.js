/*
 * wslab.js: the code the lesson pages share.
 *
 * It reads the server's address from the page's URL (?host=...&port=...), wires the Connect and
 * Disconnect buttons, opens and closes the WebSocket, shows its state and keeps the log.
 * Each page calls wslab.start(...) and says there what to do with a message from the server.
 *
 * One rule for every page: what the server sends is shown as text (textContent), never as HTML,
 * so a message like <b>x</b> shows those characters instead of bold text.
 */
(function () {
  'use strict';

  const DEFAULT_HOST = 'localhost';
  const DEFAULT_PORT = '9000';
  const MAX_LOG_ENTRIES = 1000; // a server sending in a loop must not freeze the browser

  // Why a connection closed, by close code (RFC 6455, section 7.4.1).
  const CLOSE_CODES = {
    1000: 'normal closure',
    1001: 'going away',
    1005: 'no close code given',
    1006: 'no close frame: the server stopped, or could not be reached',
    1011: 'the server had an error',
  };

  const params = new URLSearchParams(window.location.search);

  let socket = null; // the current WebSocket, or null when there is none
  let state = 'closed'; // what #state shows: connecting, open, closed or error
  let failed = false; // the current socket had an error: #state stays "error" after it closes
  let closingOnPurpose = false; // Disconnect was pressed: an error the browser reports then is no error
  let receivedCount = 0;
  let handlers = {};

  function byId(id) {
    return document.getElementById(id);
  }

  /** The URL parameter `name`, or `fallback` when the URL does not give it. */
  function param(name, fallback) {
    const value = params.get(name);
    return value === null || value.trim() === '' ? fallback : value.trim();
  }

  /** A yes/no URL parameter: ?name=0 (or false, no, off) is no, any other value is yes. */
  function flag(name, fallback) {
    const value = params.get(name);
    if (value === null) {
      return fallback;
    }
    return !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
  }

  /** The address of the server, like ws://localhost:9000/. Throws an Error a student can read. */
  function serverUrl(host, port) {
    host = host.trim();
    port = String(port).trim();
    if (host === '') {
      throw new Error('the host is empty');
    }
    if (/[\s/]/.test(host)) {
      throw new Error('type only the host, like localhost or 192.168.1.20, not "' + host + '"');
    }
    if (!/^[0-9]+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      throw new Error('the port must be a number from 1 to 65535, not "' + port + '"');
    }
    // In a URL an IPv6 address goes between brackets, else its colons look like the port's.
    if (host.includes(':') && !host.startsWith('[')) {
      host = '[' + host + ']';
    }
    return 'ws://' + host + ':' + Number(port) + '/';
  }

  /** Shows the state (one word) and enables only the buttons that make sense in it. */
  function setState(word) {
    state = word;
    const label = byId('state');
    label.textContent = word;
    label.className = 'state state-' + word;
    for (const button of document.querySelectorAll('.needs-open')) {
      button.disabled = word !== 'open';
    }
    byId('disconnect').disabled = !(word === 'open' || word === 'connecting');
  }

  /** Adds one entry to the log: kind is "sent", "received" or "event". Returns the new <li>. */
  function log(kind, text) {
    const list = byId('log');
    const entry = document.createElement('li');
    entry.className = kind;
    entry.dataset.time = timeOfDay(new Date()); // shown by the stylesheet, before the text
    const span = document.createElement('span');
    span.className = 'text';
    span.textContent = text; // text, never HTML
    entry.appendChild(span);
    list.appendChild(entry);
    while (list.children.length > MAX_LOG_ENTRIES) {
      list.firstElementChild.remove();
    }
    list.scrollTop = list.scrollHeight; // the newest entry is always in view
    return entry;
  }

  /** 19:30:05, the same on every computer (toLocaleTimeString would say 7:30:05 PM on some). */
  function timeOfDay(date) {
    return [date.getHours(), date.getMinutes(), date.getSeconds()]
      .map((n) => String(n).padStart(2, '0'))
      .join(':');
  }

  /** Counts a message from the server, shows it in #last-received, and logs it. Returns its <li>. */
  function showReceived(text) {
    receivedCount += 1;
    byId('received-count').textContent = String(receivedCount);
    byId('last-received').textContent = text;
    byId('last-received').classList.toggle('empty-message', text === ''); // the stylesheet then says so
    return log('received', text);
  }

  /** Connects to the address in the #host and #port fields, closing any connection before. */
  function connect() {
    dropSocket();
    failed = false;
    closingOnPurpose = false;
    let url;
    try {
      url = serverUrl(byId('host').value, byId('port').value);
      byId('url').textContent = url;
      log('event', 'connecting to ' + url);
      setState('connecting');
      socket = new WebSocket(url);
    } catch (error) {
      // A bad address throws at once, without any WebSocket event.
      socket = null;
      if (url === undefined) {
        byId('url').textContent = '';
      }
      failed = true;
      setState('error');
      log('event', 'error: cannot connect: ' + error.message);
      return;
    }
    let opened = false;

    socket.onopen = function () {
      opened = true;
      setState('open');
      log('event', 'connected');
      if (handlers.onOpen) {
        handlers.onOpen();
      }
    };

    socket.onmessage = function (event) {
      if (typeof event.data !== 'string') {
        log('event', 'received a binary message; these pages only show text messages');
        return;
      }
      if (handlers.onMessage) {
        handlers.onMessage(event.data);
      } else {
        showReceived(event.data);
      }
    };

    socket.onerror = function () {
      if (closingOnPurpose) {
        return;
      }
      failed = true;
      setState('error');
      // The browser tells a page nothing about the cause, so this is the most likely one.
      log('event', opened ? 'error: the connection failed' : 'error: cannot connect to ' + url + ' (is the server running?)');
    };

    socket.onclose = function (event) {
      socket = null;
      log('event', describeClose(event));
      if (!failed) {
        setState('closed');
      } else {
        setState('error'); // again, so that Disconnect is disabled and "error" stays visible
      }
      if (handlers.onClose) {
        handlers.onClose();
      }
    };
  }

  /** "closed, code 1000 (normal closure)", with the reason when the server gave one. */
  function describeClose(event) {
    let text = 'closed, code ' + event.code;
    if (CLOSE_CODES[event.code]) {
      text += ' (' + CLOSE_CODES[event.code] + ')';
    }
    if (event.reason) {
      text += ', reason: ' + event.reason;
    }
    return text;
  }

  /** Closes the connection; the state becomes "closed" when the server has answered the close. */
  function disconnect() {
    if (socket) {
      closingOnPurpose = true;
      socket.close(1000);
    }
  }

  /** Forgets the current socket at once, so that its late events cannot change the new one's state. */
  function dropSocket() {
    if (!socket) {
      return;
    }
    const old = socket;
    socket = null;
    old.onopen = old.onmessage = old.onerror = old.onclose = null;
    old.close(1000);
    log('event', 'disconnected, to connect again');
  }

  /** Sends text to the server and logs it. Returns false (and logs why) when not connected. */
  function send(text) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      log('event', 'not sent: not connected');
      return false;
    }
    socket.send(text);
    log('sent', text);
    return true;
  }

  /** Enter in #message sends it, Shift+Enter types a new line; so does the #send button. */
  function wireMessageBox() {
    const box = byId('message');
    function sendBox() {
      if (send(box.value)) {
        box.value = '';
      }
      box.focus();
    }
    byId('send').addEventListener('click', sendBox);
    box.addEventListener('keydown', function (event) {
      // isComposing: an input method (Chinese, Japanese...) uses Enter to finish a character.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        sendBox();
      }
    });
  }

  /**
   * Starts a page. options (all optional):
   *   onMessage(text)  called for each text message; without it, every message goes to showReceived
   *   onOpen()         called when the connection is open
   *   onClose()        called when the connection has closed
   */
  function start(options) {
    handlers = options || {};
    byId('host').value = param('host', DEFAULT_HOST);
    byId('port').value = param('port', DEFAULT_PORT);
    byId('connect').addEventListener('click', connect);
    byId('disconnect').addEventListener('click', disconnect);
    for (const id of ['host', 'port']) {
      byId(id).addEventListener('keydown', function (event) {
        if (event.key === 'Enter') {
          connect();
        }
      });
    }
    if (byId('message')) {
      wireMessageBox();
    }
    keepQueryInLinks();
    setState('closed');
    if (flag('autoconnect', true)) {
      connect();
    } else {
      try {
        byId('url').textContent = serverUrl(byId('host').value, byId('port').value);
      } catch (error) {
        byId('url').textContent = '';
      }
    }
  }

  /** Links marked keep-query carry this page's ?host=...&port=... to the next page. */
  function keepQueryInLinks() {
    for (const link of document.querySelectorAll('a.keep-query')) {
      link.search = window.location.search;
    }
  }

  // Everything the page scripts use, on one global object.
  window.wslab = {
    param: param,
    flag: flag,
    serverUrl: serverUrl,
    start: start,
    connect: connect,
    disconnect: disconnect,
    send: send,
    log: log,
    showReceived: showReceived,
    keepQueryInLinks: keepQueryInLinks,
    state: function () {
      return state;
    },
  };
})();
