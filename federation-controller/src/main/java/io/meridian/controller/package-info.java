/** The federation controller's control loops. */
package io.meridian.controller;
