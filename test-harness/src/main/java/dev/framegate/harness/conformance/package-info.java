/**
 * The conformance suite of the behaviour contract (docs/conformance.md): scenarios named by rule,
 * the interface a gateway implements to run them ({@link dev.framegate.harness.conformance.GatewayUnderTest})
 * and the plugins they use.
 *
 * <p>Experimental: the suite grows with the contract, so its scenarios, their plugins, the entry
 * points and the interface a gateway implements may change in a minor release; they are outside the
 * harness's API record (docs/api-compatibility.md). The rest of the harness is not.
 */
@Experimental("grows with the behaviour contract: scenarios and the gateway interface may change in a minor release")
package dev.framegate.harness.conformance;

import dev.framegate.api.Experimental;
