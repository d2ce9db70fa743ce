"""Core of the civil-service bot: data, search, rules and transports, free of Telegram updates."""
