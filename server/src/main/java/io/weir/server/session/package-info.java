/** Client sessions: statement dispatch, session options, and the catalog's restoration at start-up. */
package io.weir.server.session;
