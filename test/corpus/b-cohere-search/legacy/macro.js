// Zendesk macro endpoint (express router mounted by the old app).
const express = require("express");
const { webAnswer } = require("./connectorSearch");

const router = express.Router();

router.post("/macro/suggest", async (req, res) => {
  try {
    const { text, links } = await webAnswer(req.body.ticket_subject);
    res.json({ suggestion: text, links });
  } catch (err) {
    res.json({ suggestion: "", links: [] });
  }
});

module.exports = router;
