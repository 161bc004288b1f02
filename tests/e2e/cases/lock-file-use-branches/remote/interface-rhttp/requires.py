# requires
