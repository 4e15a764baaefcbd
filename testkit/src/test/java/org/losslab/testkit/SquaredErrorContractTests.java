package org.losslab.testkit;

/**
 * The contract as a plugin runs it: nothing but the base class, the providers found through the test resources'
 * {@code META-INF/services} (one correct squared-error provider).
 */
class SquaredErrorContractTests extends LossProviderContract {}
